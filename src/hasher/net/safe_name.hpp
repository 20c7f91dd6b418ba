#pragma once

// File names from the network. A URL path, a redirect target or a
// Content-Disposition header is input from a stranger, so every name built
// from one is reduced to a relative path of plain components under DEST:
// `.` and `..` components and empty ones are dropped, separators (`/`, `\`)
// and control characters (NUL included) inside a component become `_`, a
// component is at most 255 bytes, and an empty result gets a fallback name.
// Such a path joined to DEST can never name anything outside it (symbolic
// links already inside DEST are the user's own). The price: names are not
// always the server's, byte for byte.

#include <hasher/net/url.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace hasher::net {

// DEST/host/path (as wget lays files out) or DEST/name.
enum class Layout { tree, flat };

// The longest component kept, in bytes (NAME_MAX on Linux).
inline constexpr std::size_t k_max_component_bytes = 255;

// One safe path component made of `raw` (already percent-decoded):
// separators and control characters become `_`, the length is cut to
// k_max_component_bytes (not inside a UTF-8 sequence); `.`, `..` and empty
// names become `fallback`. Thread-safe.
std::string safe_component(std::string_view raw, std::string_view fallback);

// The relative path (components joined by `/`) a download of `url` is
// written to: for Layout::tree `host` (or `host_port`) then the decoded
// path's components; for Layout::flat the last component only. A path
// ending in `/` (or empty) names `index.html`. Never empty, never absolute,
// never with a `.` or `..` component.
std::string relative_path_for(const Url& url, Layout layout);

// The file name a Content-Disposition header value (RFC 6266) proposes:
// `filename*=UTF-8''...` (RFC 8187, percent-decoded) before `filename=`
// (token or quoted string), reduced to its last component and made safe as
// by safe_component with the fallback `download`. nullopt when the header
// names no file.
std::optional<std::string> disposition_file_name(std::string_view value);

} // namespace hasher::net
