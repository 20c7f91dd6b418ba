#pragma once

// HTTP(S) transfers through libcurl's multi interface: any number at once
// from the calling thread, no threads of its own (wake() is the one call
// another thread may make). Redirects are followed up
// to a limit (http and https only), TLS is verified unless turned off by
// name, a transfer that makes no progress for the stall timeout fails, and
// a Range request can continue a partial file. Response bodies are not
// decoded (no Accept-Encoding), so the bytes handed on are the file's.
// A transfer's outcome says whether trying again may help; the policy of
// trying again lives in download_queue.cpp.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>

namespace hasher::net {

enum class TlsVerify { on, off };

// libcurl's receive buffer per transfer (CURLOPT_BUFFERSIZE): bigger than
// its 16 KiB default, as curl(1) does (100 KiB), so that a fast server
// costs fewer reads and callbacks.
constexpr long k_receive_buffer = 256L << 10;

struct ClientOptions {
  std::string user_agent;
  std::chrono::seconds stall_timeout{60}; // no byte for this long: fail
  long max_redirects = 10;
  TlsVerify tls = TlsVerify::on;
};

// One GET. `range_from` > 0 asks for the bytes from there on (RFC 9110
// section 14.2); `if_range` (an ETag or Last-Modified value) makes the
// server send the whole file instead when it changed (section 13.1.5).
struct Request {
  std::string url;
  std::uint64_t range_from = 0;
  std::string if_range;
};

// The final response's status line and the headers a download needs.
struct ResponseHead {
  long status = 0;
  std::optional<std::uint64_t> content_length;
  std::optional<std::uint64_t> range_start; // Content-Range: bytes S-E/T
  std::optional<std::uint64_t> range_total;
  std::string etag;
  std::string last_modified;
  std::string content_disposition;
  std::string retry_after;
};

enum class EndKind {
  complete,  // the response arrived whole (any status)
  transient, // connection refused or cut, timeout, short body: may pass
  permanent, // bad URL, TLS failure, too many redirects
  aborted,   // a handler returned false
};

struct TransferEnd {
  EndKind kind = EndKind::complete;
  std::string reason; // one line; empty when complete
};

// Receives one transfer's events, all from the thread calling poll().
// Body bytes come in pieces of up to k_receive_buffer bytes.
class TransferHandler {
public:
  virtual ~TransferHandler() = default;
  // The final response's head (after redirects), before any body byte;
  // false aborts the transfer.
  virtual bool on_head(const ResponseHead& head) = 0;
  // The next body bytes; false aborts the transfer.
  virtual bool on_body(std::span<const std::uint8_t> bytes) = 0;
  // The transfer is over; the handler may start another one from here.
  virtual void on_end(const TransferEnd& end) = 0;
};

// Loads and sets up libcurl on a thread of its own while the caller goes
// on with the rest of its start-up: its 29 libraries took 10-13 ms before
// a download's first connection here, a hasher's own start-up as long.
// An HttpClient made meanwhile waits for it; the destructor joins it.
class LibraryWarmUp {
public:
  LibraryWarmUp();
  ~LibraryWarmUp();
  LibraryWarmUp(const LibraryWarmUp&) = delete;
  LibraryWarmUp& operator=(const LibraryWarmUp&) = delete;

private:
  std::jthread m_thread;
};

class HttpClient {
public:
  // Throws util::FatalError when libcurl cannot be set up.
  explicit HttpClient(ClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Starts `request`; `handler` must live until its on_end. Not thread-safe
  // (one client per thread).
  void start(const Request& request, TransferHandler& handler);

  // Moves every transfer on, waiting at most `wait` for the network, and
  // delivers the events. Returns the number of transfers still running.
  std::size_t poll(std::chrono::milliseconds wait);

  // Ends every running transfer without calling on_end.
  void cancel_all();

  // Makes a poll() that waits, or the next one, return at once. Thread-safe:
  // the one call other threads may make (a worker that finished a file).
  void wake();

private:
  struct Transfer;
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace hasher::net

namespace hasher::net {

// The wait a Retry-After value asks for (RFC 9110 section 10.2.3): delay
// seconds or an HTTP date (from now); nullopt when it is neither.
std::optional<std::chrono::seconds> retry_after_delay(std::string_view value);

} // namespace hasher::net
