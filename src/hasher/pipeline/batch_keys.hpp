#pragma once

#include <hasher/io/path.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace hasher::pipeline {

// The catalog keys of one batch in one buffer, for the skip check's lookup:
// a file in the same directory as the one before costs an append, not an
// io::AbsolutePaths::make (a parse and an allocation), and a skipped file
// never needs a key of its own. A worker keeps one from batch to batch.
class BatchKeys {
public:
  explicit BatchKeys(io::AbsolutePaths& keys) : m_keys(keys) {}

  void clear() {
    m_buffer.clear();
    m_ends.clear();
  }

  // Appends the key of `path` (as walked).
  void add(std::string_view path) {
    std::size_t slash = path.rfind('/');
    std::string_view name = path.substr(slash + 1);
    // A plain name below a directory: its key is the directory's key, '/'
    // and the name (io/path.hpp normalises lexically).
    bool plain = slash != std::string_view::npos && slash != 0 &&
                 !name.empty() && name != "." && name != "..";
    if (plain && m_known && path.substr(0, slash) == m_parent) {
      m_buffer.append(m_parent_key);
      m_buffer.push_back('/');
      m_buffer.append(name);
    } else {
      std::string key = m_keys.make(path);
      m_buffer.append(key);
      m_known = plain;
      if (plain) {
        m_parent.assign(path.substr(0, slash));
        // "/name" below the root directory leaves an empty parent key.
        m_parent_key.assign(key, 0, key.size() - name.size() - 1);
      }
    }
    m_ends.push_back(m_buffer.size());
  }

  // The key of the `index`th path added since clear(); valid until the next
  // add or clear.
  [[nodiscard]] std::string_view key(std::size_t index) const {
    std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
    return std::string_view(m_buffer).substr(begin, m_ends[index] - begin);
  }

private:
  io::AbsolutePaths& m_keys;
  std::string m_buffer;
  std::vector<std::size_t> m_ends;
  bool m_known = false;     // m_parent and m_parent_key are set
  std::string m_parent;     // the last plain path's directory, as walked
  std::string m_parent_key; // its key
};

} // namespace hasher::pipeline
