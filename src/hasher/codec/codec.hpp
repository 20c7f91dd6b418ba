#pragma once

// The compressed formats copy writes and hash/verify read through: gzip
// (RFC 1952, zlib) and zstd (RFC 8878, libzstd), named by their usual file
// suffixes, and how a user asks for them (`--compress zstd:19`).

#include <hasher/util/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace hasher::codec {

enum class Codec { none, gzip, zstd };

// "gzip", "zstd" ("" for none): the name the catalog and messages use.
std::string_view codec_name(Codec codec);
// The codec called `name` ("gzip", "gz", "zstd", "zst"), if any.
std::optional<Codec> codec_named(std::string_view name);
// ".gz", ".zst" ("" for none): the suffix a compressed copy gets.
std::string_view codec_extension(Codec codec);
// The codec a file name says it holds (`x.gz`, `x.tgz`, `x.zst`), or none.
Codec codec_of_path(std::string_view path);
// `path` without its codec's suffix (`x.tar.gz` → `x.tar`, `x.tgz` →
// `x.tar`); unchanged for Codec::none.
std::string strip_extension(std::string_view path, Codec codec);

// What `--compress` asked for. `adaptive` (auto) picks codec and level per
// file (see adaptive.hpp); otherwise every file gets `codec` at `level`.
struct Compression {
  Codec codec = Codec::none;
  int level = 0;
  bool adaptive = false;
};

// The default level of `codec`: gzip 6 (gzip(1)'s), zstd 3 (zstd(1)'s).
int default_level(Codec codec);

// Whether `text` is meant as a compression (`zstd`, `gzip:9`, `auto`…),
// valid or not: lets a bare `--compress` (the original tool's gzip flag)
// tell a value from the SRC that follows it.
bool names_compression(std::string_view text);

// Parses `gzip`, `zstd`, `auto`, each optionally `:LEVEL` (gzip 1–9, zstd
// 1–19; auto takes none). `level`, when set (--compression-level), is used
// where the text names none. Fails with ErrorKind::invalid naming `setting`.
util::Result<Compression> parse_compression(std::string_view text,
                                            std::optional<int> level,
                                            const std::string& setting);

} // namespace hasher::codec
