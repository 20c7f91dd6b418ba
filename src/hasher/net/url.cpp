#include <hasher/net/url.hpp>

#include <cctype>
#include <charconv>

namespace hasher::net {
namespace {

util::Error bad_url(std::string_view text, std::string reason) {
  return util::Error{util::ErrorKind::invalid, std::string(text),
                     std::move(reason)};
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

} // namespace

util::Result<Url> parse_url(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  const std::string_view given = text;
  std::size_t colon = text.find("://");
  if (colon == std::string_view::npos) {
    return bad_url(given, "not a URL (expected http:// or https://)");
  }
  Url url;
  url.scheme = lower(text.substr(0, colon));
  if (url.scheme != "http" && url.scheme != "https") {
    return bad_url(given, "unsupported scheme '" + url.scheme + "'");
  }
  text.remove_prefix(colon + 3);
  if (std::size_t hash = text.find('#'); hash != std::string_view::npos) {
    text = text.substr(0, hash);
  }
  std::size_t end = text.find_first_of("/?");
  std::string_view authority = text.substr(0, end);
  std::string_view rest =
      end == std::string_view::npos ? std::string_view() : text.substr(end);
  if (authority.find('@') != std::string_view::npos) {
    return bad_url(given, "user information in URLs is not supported");
  }
  std::string_view port_text;
  if (!authority.empty() && authority[0] == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return bad_url(given, "unterminated IPv6 address");
    }
    url.host = lower(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad_url(given, "bad host");
      port_text = after.substr(1);
    }
  } else {
    std::size_t port_colon = authority.rfind(':');
    url.host = lower(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) {
      port_text = authority.substr(port_colon + 1);
    }
  }
  if (url.host.empty()) return bad_url(given, "empty host");
  if (!port_text.empty()) {
    unsigned value = 0;
    auto [ptr, error] = std::from_chars(
        port_text.data(), port_text.data() + port_text.size(), value);
    if (error != std::errc() || ptr != port_text.data() + port_text.size() ||
        value == 0 || value > 65535) {
      return bad_url(given, "bad port '" + std::string(port_text) + "'");
    }
    url.port = static_cast<std::uint16_t>(value);
  }
  std::size_t question = rest.find('?');
  url.path = std::string(rest.substr(0, question));
  if (question != std::string_view::npos) {
    url.query = std::string(rest.substr(question + 1));
  }
  if (url.path.empty()) url.path = "/";
  return url;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

} // namespace hasher::net
