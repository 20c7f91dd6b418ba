#pragma once

// Small string helpers.

#include <cctype>
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

// `text` without leading and trailing white space (isspace, any byte).
inline std::string_view trim(std::string_view text) {
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

} // namespace hasher::util
