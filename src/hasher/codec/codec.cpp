#include <hasher/codec/codec.hpp>

#include <charconv>

namespace hasher::codec {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

int max_level(Codec codec) { return codec == Codec::gzip ? 9 : 19; }

} // namespace

std::string_view codec_name(Codec codec) {
  switch (codec) {
  case Codec::gzip:
    return "gzip";
  case Codec::zstd:
    return "zstd";
  case Codec::none:
    break;
  }
  return "";
}

std::optional<Codec> codec_named(std::string_view name) {
  if (name == "gzip" || name == "gz") return Codec::gzip;
  if (name == "zstd" || name == "zst") return Codec::zstd;
  return std::nullopt;
}

std::string_view codec_extension(Codec codec) {
  switch (codec) {
  case Codec::gzip:
    return ".gz";
  case Codec::zstd:
    return ".zst";
  case Codec::none:
    break;
  }
  return "";
}

Codec codec_of_path(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (ends_with(name, ".gz") || ends_with(name, ".tgz")) return Codec::gzip;
  if (ends_with(name, ".zst") || ends_with(name, ".tzst")) return Codec::zstd;
  return Codec::none;
}

std::string strip_extension(std::string_view path, Codec codec) {
  std::string text(path);
  if (codec == Codec::none) return text;
  if (ends_with(path, ".tgz") || ends_with(path, ".tzst")) {
    return text.substr(0, text.rfind('.')) + ".tar";
  }
  std::string_view extension = codec_extension(codec);
  if (ends_with(path, extension)) {
    text.resize(text.size() - extension.size());
  }
  return text;
}

bool names_compression(std::string_view text) {
  std::string_view name = text.substr(0, text.find(':'));
  return name == "auto" || codec_named(name).has_value();
}

int default_level(Codec codec) { return codec == Codec::gzip ? 6 : 3; }

util::Result<Compression> parse_compression(std::string_view text,
                                            std::optional<int> level,
                                            const std::string& setting) {
  auto invalid = [&](const std::string& reason) {
    return util::Error{util::ErrorKind::invalid, setting, reason};
  };
  std::string_view name = text;
  std::optional<int> given;
  if (std::size_t colon = text.find(':'); colon != std::string_view::npos) {
    name = text.substr(0, colon);
    std::string_view digits = text.substr(colon + 1);
    int value = 0;
    auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size() ||
        digits.empty()) {
      return invalid("'" + std::string(digits) + "' is not a level");
    }
    given = value;
  }
  Compression compression;
  if (name == "auto") {
    if (given) return invalid("auto picks the level itself");
    compression.adaptive = true;
    compression.codec = Codec::zstd;
    compression.level = default_level(Codec::zstd);
    return compression;
  }
  std::optional<Codec> codec = codec_named(name);
  if (!codec) {
    return invalid("'" + std::string(name) +
                   "' is not a compression (gzip, zstd or auto)");
  }
  compression.codec = *codec;
  compression.level = given ? *given : level ? *level : default_level(*codec);
  if (compression.level < 1 || compression.level > max_level(*codec)) {
    return invalid(std::string(codec_name(*codec)) + " levels are 1 to " +
                   std::to_string(max_level(*codec)) + ", not " +
                   std::to_string(compression.level));
  }
  return compression;
}

} // namespace hasher::codec
