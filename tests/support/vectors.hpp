#pragma once

// Reads known-answer vector files: one vector a line, `INPUT_HEX:DIGEST_HEX`,
// empty input = nothing before the colon, `#` starts a comment line.

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace hasher::test {

struct Vector {
  std::vector<std::uint8_t> input;
  std::string digest_hex;
  int line = 0;
};

inline std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("bad hex digit");
  };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(
        static_cast<std::uint8_t>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

inline std::string to_hex(const std::uint8_t* data, std::size_t size) {
  static const char* const digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 15]);
  }
  return out;
}

// Path of a vector file under tests/data/vectors (HASHER_TEST_DATA is set by
// CMake to the tests/data folder).
inline std::string vector_path(const std::string& name) {
  return std::string(HASHER_TEST_DATA) + "/vectors/" + name + ".txt";
}

inline std::vector<Vector> read_vectors(const std::string& name) {
  std::ifstream in(vector_path(name));
  if (!in) throw std::runtime_error("cannot open " + vector_path(name));
  std::vector<Vector> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string digest = line.substr(colon + 1);
    for (char& c : digest) c = static_cast<char>(std::tolower(c));
    out.push_back({from_hex(line.substr(0, colon)), digest, number});
  }
  return out;
}

} // namespace hasher::test
