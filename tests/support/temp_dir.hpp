#pragma once

// A fresh scratch directory per test, removed afterwards unless the test
// failed (then its path is printed so it can be inspected).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hasher::test {

class TempDir : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "hasher-test-XXXXXX")
            .string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    ASSERT_NE(::mkdtemp(buffer.data()), nullptr);
    m_dir = buffer.data();
  }

  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "scratch dir kept: " << m_dir << "\n";
    } else {
      std::error_code ignored;
      std::filesystem::remove_all(m_dir, ignored);
    }
  }

  // Writes `content` to dir/name and returns the full path.
  std::string write_file(const std::string& name,
                         const std::vector<std::uint8_t>& content) {
    std::string path = (m_dir / name).string();
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(content.data()),
              static_cast<std::streamsize>(content.size()));
    return path;
  }

  const std::filesystem::path& dir() const { return m_dir; }

  // The whole file at `path` ("" when it cannot be read).
  static std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  // The names in the scratch directory, sorted.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir)) {
      out.push_back(entry.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

private:
  std::filesystem::path m_dir;
};

} // namespace hasher::test
