#include <hasher/net/curl_library.hpp>

#include <hasher/util/errors.hpp>

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace hasher::net {
namespace {

constexpr const char* k_soname = "libcurl.so.4";

template <typename Function>
void resolve(void* handle, const char* name, Function& function) {
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    throw util::FatalError(std::string(k_soname) + ": cannot load: no " + name);
  }
  function = reinterpret_cast<Function>(symbol);
}

CurlLibrary load() {
  // Never closed: transfers may run until exit.
  void* handle = ::dlopen(k_soname, RTLD_LAZY | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    throw util::FatalError(std::string(k_soname) + ": cannot load: " +
                           (why != nullptr ? why : "unknown reason"));
  }
  CurlLibrary curl{};
  resolve(handle, "curl_global_init", curl.global_init);
  resolve(handle, "curl_easy_init", curl.easy_init);
  resolve(handle, "curl_easy_cleanup", curl.easy_cleanup);
  resolve(handle, "curl_easy_setopt", curl.easy_setopt);
  resolve(handle, "curl_easy_strerror", curl.easy_strerror);
  resolve(handle, "curl_multi_init", curl.multi_init);
  resolve(handle, "curl_multi_cleanup", curl.multi_cleanup);
  resolve(handle, "curl_multi_add_handle", curl.multi_add_handle);
  resolve(handle, "curl_multi_remove_handle", curl.multi_remove_handle);
  resolve(handle, "curl_multi_perform", curl.multi_perform);
  resolve(handle, "curl_multi_poll", curl.multi_poll);
  resolve(handle, "curl_multi_wakeup", curl.multi_wakeup);
  resolve(handle, "curl_multi_info_read", curl.multi_info_read);
  resolve(handle, "curl_slist_append", curl.slist_append);
  resolve(handle, "curl_slist_free_all", curl.slist_free_all);
  resolve(handle, "curl_getdate", curl.getdate);
  return curl;
}

} // namespace

const CurlLibrary& curl_library() {
  // A failed load throws out of the initialiser and is tried again next
  // time (static initialisation is retried after an exception).
  static const CurlLibrary library = load();
  return library;
}

} // namespace hasher::net
