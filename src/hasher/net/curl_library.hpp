#pragma once

// libcurl, loaded the first time a download needs it rather than at every
// start of hasher: with its TLS, Kerberos, LDAP and IDN libraries it is 29
// of the 46 shared objects the binary would map and relocate, about 9 ms
// of each run of every command (an --update of an unchanged tree takes
// 200 ms). The library is the Debian package's libcurl.so.4, opened by its
// soname and called through this table; the headers are its own.

#include <curl/curl.h>

namespace hasher::net {

struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_wakeup) multi_wakeup;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_getdate) getdate;
};

// The loaded library; throws util::FatalError ("libcurl.so.4: cannot
// load: …") when it or one of its functions is missing. Thread-safe.
const CurlLibrary& curl_library();

} // namespace hasher::net
