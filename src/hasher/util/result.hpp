#pragma once

// Result<T>: a value or an Error, for per-file trouble that the pipeline
// records and counts rather than throws. Member names follow std::expected
// (C++23) so the type can be swapped for it later.

#include <string>
#include <utility>
#include <variant>

namespace hasher::util {

// What went wrong with one subject (a file, a setting, a line).
enum class ErrorKind {
  io,          // read/open/stat failed
  not_found,   // vanished or missing
  permission,  // access denied
  changed,     // changed while being read
  special,     // not a regular file (FIFO, socket, device)
  mismatch,    // digest differs
  invalid,     // malformed input
  interrupted, // stopped by a signal
  transient,   // may work if tried again (EAGAIN, EBUSY, EMFILE, ENOMEM)
};

struct Error {
  ErrorKind kind = ErrorKind::io;
  std::string subject; // the file or setting the error is about
  std::string reason;  // one line, no trailing period
};

template <typename T> class Result {
public:
  Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

  [[nodiscard]] bool has_value() const { return m_data.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() { return std::get<0>(m_data); }
  const T& value() const { return std::get<0>(m_data); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(m_data); }

private:
  std::variant<T, Error> m_data;
};

} // namespace hasher::util
