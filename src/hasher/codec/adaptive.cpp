#include <hasher/codec/adaptive.hpp>

#include <zstd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace hasher::codec {
namespace {

constexpr int k_probe_level = 1;

// Formats that are compressed inside: compressing them again costs time
// and saves nothing.
constexpr std::array<std::string_view, 34> k_compressed_types = {
    "jpg",  "jpeg", "png",  "gif",  "webp", "heic", "avif", "mp3", "m4a",
    "aac",  "ogg",  "opus", "flac", "mp4",  "m4v",  "mkv",  "mov", "avi",
    "webm", "zip",  "gz",   "tgz",  "bz2",  "xz",   "zst",  "7z",  "rar",
    "jar",  "apk",  "docx", "xlsx", "pptx", "epub", "woff2"};

// Text-like formats: they compress well and are worth a higher level.
constexpr std::array<std::string_view, 26> k_text_types = {
    "txt", "md",   "json", "xml",  "html", "htm", "csv", "tsv", "log",
    "sql", "yaml", "yml",  "toml", "ini",  "c",   "h",   "cpp", "hpp",
    "cc",  "py",   "rs",   "js",   "ts",   "css", "svg", "tex"};

std::string extension_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string extension(name.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return extension;
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list,
            const std::string& extension) {
  return std::find(list.begin(), list.end(), extension) != list.end();
}

} // namespace

AdaptiveChooser::AdaptiveChooser() = default;

AdaptiveChooser::~AdaptiveChooser() {
  ZSTD_freeCCtx(m_probe);
  delete[] m_out;
}

Compression AdaptiveChooser::choose(std::string_view path,
                                    std::span<const std::uint8_t> first) {
  Compression plain;
  plain.adaptive = true;
  std::string extension = extension_of(path);
  if (first.empty() || listed(k_compressed_types, extension)) return plain;
  std::size_t bound = ZSTD_compressBound(first.size());
  if (bound > m_out_size) {
    delete[] m_out;
    m_out = new std::uint8_t[bound];
    m_out_size = bound;
  }
  if (m_probe == nullptr) m_probe = ZSTD_createCCtx();
  if (m_probe == nullptr) return plain;
  std::size_t probed = ZSTD_compressCCtx(
      m_probe, m_out, m_out_size, first.data(), first.size(), k_probe_level);
  if (ZSTD_isError(probed) ||
      static_cast<double>(probed) >
          k_plain_ratio * static_cast<double>(first.size())) {
    return plain;
  }
  Compression chosen;
  chosen.adaptive = true;
  chosen.codec = Codec::zstd;
  chosen.level = listed(k_text_types, extension) ? k_text_level
                                                 : default_level(Codec::zstd);
  return chosen;
}

} // namespace hasher::codec
