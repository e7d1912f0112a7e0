// Building one-line messages (g++ 12 has no <format>).
#pragma once

#include <sstream>
#include <string>

namespace xun::cli {

// The parts streamed one after another: concat("line ", 3, ": ", problem). Pass paths as
// path.string() (a path streams with quotes).
template <class... Parts>
std::string concat(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

}  // namespace xun::cli
