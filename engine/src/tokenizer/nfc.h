// Unicode NFC through ICU, Qwen's tokenizer.json normalizer.
#pragma once

#include <string>
#include <string_view>

#include "xun/error.h"

namespace xun::tok {

// `text` in Normalization Form C. `text` must be valid UTF-8. Fails only when ICU does (out of
// memory, a text over 2 GiB of UTF-16).
Result<std::string> to_nfc(std::string_view text);

}  // namespace xun::tok
