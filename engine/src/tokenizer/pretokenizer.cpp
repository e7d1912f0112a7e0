#include "tokenizer/pretokenizer.h"

#include <string>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace xun::tok {
namespace {

// PCRE2's \s under PCRE2_UCP is \p{Z} plus \h and \v, which differs from the Unicode
// White_Space property that Hugging Face's regex engines use (it adds U+180E MONGOLIAN VOWEL
// SEPARATOR). The split pattern therefore spells White_Space out.
constexpr std::string_view kWhiteSpace =
    R"(\x{9}-\x{D}\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000})";

// kQwen2SplitPattern with \s and \S replaced by explicit White_Space classes.
std::string pcre2_pattern() {
  const std::string ws(kWhiteSpace);
  return "(?i:'s|'t|'re|'ve|'m|'ll|'d)"
         R"(|[^\r\n\p{L}\p{N}]?\p{L}+)"
         R"(|\p{N})"
         "| ?[^" +
         ws +
         R"(\p{L}\p{N}]+[\r\n]*)"
         "|[" +
         ws +
         R"(]*[\r\n]+)"
         "|[" +
         ws + "]+(?![^" + ws +
         "])"
         "|[" +
         ws + "]+";
}

// The JIT matcher backtracks on its own stack and fails with PCRE2_ERROR_JIT_STACKLIMIT when
// that runs out. This pattern's repeats are single characters and need little (a megabyte of
// spaces fits PCRE2's default 32 KiB), but a larger ceiling costs only address space (pages
// are committed when used) and keeps an unforeseen input from failing.
constexpr size_t kJitStackStart = 32 * 1024;
constexpr size_t kJitStackMax = 8 * 1024 * 1024;

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
struct MatchContextDeleter {
  void operator()(pcre2_match_context* context) const { pcre2_match_context_free(context); }
};
struct JitStackDeleter {
  void operator()(pcre2_jit_stack* stack) const { pcre2_jit_stack_free(stack); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchDataPtr = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;
using MatchContextPtr = std::unique_ptr<pcre2_match_context, MatchContextDeleter>;
using JitStackPtr = std::unique_ptr<pcre2_jit_stack, JitStackDeleter>;

std::string pcre2_message(int code) {
  PCRE2_UCHAR buffer[256];
  if (pcre2_get_error_message(code, buffer, sizeof buffer) < 0)
    return "PCRE2 error " + std::to_string(code);
  return reinterpret_cast<const char*>(buffer);
}

// Per-call state: PCRE2 match data and JIT stacks must not be shared between threads.
struct MatchState {
  MatchDataPtr data;
  MatchContextPtr context;
  JitStackPtr jit_stack;
};

}  // namespace

struct Pretokenizer::Compiled {
  CodePtr code;
  bool jit = false;
};

Result<Pretokenizer> Pretokenizer::create() {
  const std::string pattern = pcre2_pattern();
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  CodePtr code(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                             PCRE2_UTF | PCRE2_UCP, &error_code, &error_offset, nullptr));
  if (!code)
    return fail("split regex does not compile at offset " + std::to_string(error_offset) + ": " +
                pcre2_message(error_code));
  auto compiled = std::make_unique<Compiled>();
  // Without JIT (a PCRE2 built without it) the interpreter gives the same pieces, slower.
  compiled->jit = pcre2_jit_compile(code.get(), PCRE2_JIT_COMPLETE) == 0;
  compiled->code = std::move(code);
  return Pretokenizer(std::move(compiled));
}

Pretokenizer::Pretokenizer(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
Pretokenizer::Pretokenizer(Pretokenizer&&) noexcept = default;
Pretokenizer& Pretokenizer::operator=(Pretokenizer&&) noexcept = default;
Pretokenizer::~Pretokenizer() = default;

Result<std::vector<std::string_view>> Pretokenizer::split(std::string_view text) const {
  std::vector<std::string_view> pieces;
  if (text.empty()) return pieces;

  MatchState state;
  state.data.reset(pcre2_match_data_create_from_pattern(compiled_->code.get(), nullptr));
  state.context.reset(pcre2_match_context_create(nullptr));
  if (!state.data || !state.context) return fail("split regex: out of memory");
  if (compiled_->jit) {
    state.jit_stack.reset(pcre2_jit_stack_create(kJitStackStart, kJitStackMax, nullptr));
    if (!state.jit_stack) return fail("split regex: cannot allocate the JIT stack");
    pcre2_jit_stack_assign(state.context.get(), nullptr, state.jit_stack.get());
  }

  const auto subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  size_t pos = 0;          // end of the last piece
  size_t search_from = 0;  // where the next match may start
  while (search_from < text.size()) {
    // The text was validated once by the caller; checking it again per match would make a
    // long text quadratic.
    const int rc = compiled_->jit
                       ? pcre2_jit_match(compiled_->code.get(), subject, text.size(), search_from,
                                         0, state.data.get(), state.context.get())
                       : pcre2_match(compiled_->code.get(), subject, text.size(), search_from,
                                     PCRE2_NO_UTF_CHECK, state.data.get(), state.context.get());
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0)
      return fail("split regex failed at byte " + std::to_string(search_from) + ": " +
                  pcre2_message(rc));
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(state.data.get());
    const size_t start = ovector[0], end = ovector[1];
    if (end == start) {
      // The pattern cannot match empty, but if it ever did, step over one code point so the
      // loop ends; the skipped text becomes part of a gap piece.
      search_from = start + 1;
      while (search_from < text.size() &&
             (static_cast<unsigned char>(text[search_from]) & 0xC0) == 0x80)
        ++search_from;
      continue;
    }
    if (start > pos) pieces.push_back(text.substr(pos, start - pos));
    pieces.push_back(text.substr(start, end - start));
    pos = search_from = end;
  }
  if (pos < text.size()) pieces.push_back(text.substr(pos));
  return pieces;
}

}  // namespace xun::tok
