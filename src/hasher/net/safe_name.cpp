#include <hasher/net/safe_name.hpp>

#include <hasher/util/strings.hpp>

#include <cctype>
#include <vector>

namespace hasher::net {
namespace {

// The components of an encoded URL path, decoded, with empty, `.` and `..`
// ones dropped: a `..` never climbs, whatever it was meant to climb.
std::vector<std::string> path_components(std::string_view path) {
  std::vector<std::string> parts;
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    std::string part = percent_decode(path.substr(0, slash));
    if (!part.empty() && part != "." && part != "..") {
      parts.push_back(std::move(part));
    }
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The value of parameter `name` in a header's `; name=value` list,
// unquoted (RFC 9110 section 5.6.6 parameters, 5.6.4 quoted-string), or
// nullopt.
std::optional<std::string> parameter(std::string_view header,
                                     std::string_view name) {
  std::size_t i = header.find(';');
  while (i != std::string_view::npos && i < header.size()) {
    ++i;
    std::size_t equals = header.find_first_of("=;", i);
    if (equals == std::string_view::npos) return std::nullopt;
    std::string_view key = util::trim(header.substr(i, equals - i));
    if (header[equals] == ';') {
      i = equals;
      continue;
    }
    i = equals + 1;
    while (i < header.size() && header[i] == ' ') ++i;
    std::string text;
    if (i < header.size() && header[i] == '"') {
      for (++i; i < header.size() && header[i] != '"'; ++i) {
        if (header[i] == '\\' && i + 1 < header.size()) ++i;
        text.push_back(header[i]);
      }
      i = header.find(';', i);
    } else {
      std::size_t semicolon = header.find(';', i);
      text = std::string(util::trim(header.substr(i, semicolon - i)));
      i = semicolon;
    }
    if (iequals(key, name)) return text;
  }
  return std::nullopt;
}

} // namespace

std::string safe_component(std::string_view raw, std::string_view fallback) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    auto byte = static_cast<unsigned char>(c);
    bool unsafe = byte < 0x20 || byte == 0x7f || c == '/' || c == '\\';
    out.push_back(unsafe ? '_' : c);
  }
  if (out.size() > k_max_component_bytes) {
    std::size_t cut = k_max_component_bytes;
    // Back off to the start of a UTF-8 sequence (10xxxxxx continues one).
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) {
      --cut;
    }
    out.resize(cut);
  }
  if (out.empty() || out == "." || out == "..") return std::string(fallback);
  return out;
}

std::string relative_path_for(const Url& url, Layout layout) {
  std::vector<std::string> parts = path_components(url.path);
  bool directory = url.path.empty() || url.path.back() == '/';
  std::string file = parts.empty() || directory ? "index.html" : parts.back();
  if (!directory && !parts.empty()) parts.pop_back();
  if (layout == Layout::flat) return safe_component(file, "index.html");
  std::string host = url.host;
  for (char& c : host) {
    if (c == ':') c = '_';
  }
  if (url.port) host += "_" + std::to_string(*url.port);
  std::string out = safe_component(host, "host");
  for (const std::string& part : parts) {
    out += "/" + safe_component(part, "_");
  }
  return out + "/" + safe_component(file, "index.html");
}

std::optional<std::string> disposition_file_name(std::string_view value) {
  std::optional<std::string> name;
  if (std::optional<std::string> extended = parameter(value, "filename*")) {
    // RFC 8187: charset'language'percent-encoded; only UTF-8 (and ASCII,
    // its subset) is taken, as other charsets cannot be named on disk here.
    std::size_t first = extended->find('\'');
    std::size_t second = first == std::string::npos
                             ? std::string::npos
                             : extended->find('\'', first + 1);
    if (second != std::string::npos) {
      std::string charset = extended->substr(0, first);
      if (iequals(charset, "utf-8") || iequals(charset, "us-ascii")) {
        name = percent_decode(std::string_view(*extended).substr(second + 1));
      }
    }
  }
  if (!name) name = parameter(value, "filename");
  if (!name) return std::nullopt;
  for (char& c : *name) {
    if (c == '\\') c = '/';
  }
  std::size_t slash = name->rfind('/');
  std::string_view last = std::string_view(*name).substr(
      slash == std::string::npos ? 0 : slash + 1);
  return safe_component(last, "download");
}

} // namespace hasher::net
