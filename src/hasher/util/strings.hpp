#pragma once

// Small string helpers.

#include <string>
#include <string_view>
#include <vector>

namespace hasher::util {

// `items` joined with `glue` between them.
inline std::string join(const std::vector<std::string>& items,
                        std::string_view glue) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += glue;
    out += item;
  }
  return out;
}

} // namespace hasher::util
