#include <hasher/net/http_client.hpp>

#include <hasher/net/curl_library.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>

#include <curl/curl.h>

#include <cctype>
#include <charconv>
#include <map>
#include <mutex>
#include <string_view>

namespace hasher::net {
namespace {

std::optional<std::uint64_t> parse_count(std::string_view text) {
  std::uint64_t value = 0;
  auto [ptr, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Content-Range: bytes START-END/TOTAL (RFC 9110 section 14.4).
void parse_content_range(std::string_view value, ResponseHead& head) {
  if (value.substr(0, 6) != "bytes ") return;
  value.remove_prefix(6);
  std::size_t dash = value.find('-');
  std::size_t slash = value.find('/');
  if (dash == std::string_view::npos || slash == std::string_view::npos) {
    return;
  }
  head.range_start = parse_count(value.substr(0, dash));
  head.range_total = parse_count(value.substr(slash + 1));
}

// Which failures may pass when tried again: the network's, not the URL's.
EndKind kind_of(CURLcode code) {
  switch (code) {
  case CURLE_OK:
    return EndKind::complete;
  case CURLE_WRITE_ERROR:
  case CURLE_ABORTED_BY_CALLBACK:
    return EndKind::aborted;
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_PARTIAL_FILE:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
  case CURLE_HTTP3:
  case CURLE_QUIC_CONNECT_ERROR:
  case CURLE_WEIRD_SERVER_REPLY:
    return EndKind::transient;
  default:
    return EndKind::permanent;
  }
}

} // namespace

struct HttpClient::Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  TransferHandler* handler = nullptr;
  ResponseHead head;
  bool head_delivered = false;
  bool aborted = false;
  char error[CURL_ERROR_SIZE] = {};

  ~Transfer() {
    if (easy != nullptr) curl_library().easy_cleanup(easy);
    if (headers != nullptr) curl_library().slist_free_all(headers);
  }

  bool deliver_head() {
    head_delivered = true;
    if (!handler->on_head(head)) aborted = true;
    return !aborted;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t n,
                               void* self) {
    auto* transfer = static_cast<Transfer*>(self);
    std::string_view line(data, size * n);
    // A status line starts each response of a redirect chain (and a 100
    // Continue); only the last response's headers count.
    if (line.substr(0, 5) == "HTTP/") {
      transfer->head = ResponseHead{};
      std::size_t space = line.find(' ');
      if (space != std::string_view::npos) {
        std::string_view code = line.substr(space + 1, 3);
        transfer->head.status =
            static_cast<long>(parse_count(code).value_or(0));
      }
      return size * n;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size * n;
    std::string name = lower(util::trim(line.substr(0, colon)));
    std::string_view value = util::trim(line.substr(colon + 1));
    ResponseHead& head = transfer->head;
    if (name == "content-length") {
      head.content_length = parse_count(value);
    } else if (name == "content-range") {
      parse_content_range(value, head);
    } else if (name == "etag") {
      head.etag = std::string(value);
    } else if (name == "last-modified") {
      head.last_modified = std::string(value);
    } else if (name == "content-disposition") {
      head.content_disposition = std::string(value);
    } else if (name == "retry-after") {
      head.retry_after = std::string(value);
    }
    return size * n;
  }

  static std::size_t on_write(char* data, std::size_t size, std::size_t n,
                              void* self) {
    auto* transfer = static_cast<Transfer*>(self);
    if (!transfer->head_delivered && !transfer->deliver_head()) return 0;
    if (transfer->aborted) return 0;
    std::span<const std::uint8_t> bytes(
        reinterpret_cast<const std::uint8_t*>(data), size * n);
    if (!transfer->handler->on_body(bytes)) {
      transfer->aborted = true;
      return 0;
    }
    return size * n;
  }
};

struct HttpClient::Impl {
  ClientOptions options;
  CURLM* multi = nullptr;
  std::map<CURL*, std::unique_ptr<Transfer>> running;
};

namespace {

// Loads libcurl and runs its global set-up, once per process; a load that
// threw is tried again by the next caller. Callers wait for one running.
CURLcode set_up_library() {
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(
      once, [] { init = curl_library().global_init(CURL_GLOBAL_DEFAULT); });
  return init;
}

} // namespace

LibraryWarmUp::LibraryWarmUp()
    : m_thread([] {
        try {
          set_up_library();
        } catch (...) {
          // HttpClient tries again and reports it.
        }
      }) {}

LibraryWarmUp::~LibraryWarmUp() = default;

HttpClient::HttpClient(ClientOptions options) : m_impl(new Impl) {
  CURLcode init = set_up_library();
  if (init != CURLE_OK) {
    throw util::FatalError(std::string("libcurl: ") +
                           curl_library().easy_strerror(init));
  }
  m_impl->options = std::move(options);
  m_impl->multi = curl_library().multi_init();
  if (m_impl->multi == nullptr) {
    throw util::FatalError("libcurl: cannot create a transfer set");
  }
}

HttpClient::~HttpClient() {
  cancel_all();
  curl_library().multi_cleanup(m_impl->multi);
}

void HttpClient::start(const Request& request, TransferHandler& handler) {
  auto transfer = std::make_unique<Transfer>();
  transfer->handler = &handler;
  CURL* easy = curl_library().easy_init();
  if (easy == nullptr) throw util::FatalError("libcurl: out of handles");
  transfer->easy = easy;
  const ClientOptions& options = m_impl->options;
  curl_library().easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_library().easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_library().easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_library().easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_library().easy_setopt(easy, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_library().easy_setopt(easy, CURLOPT_USERAGENT,
                             options.user_agent.c_str());
  curl_library().easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_library().easy_setopt(easy, CURLOPT_BUFFERSIZE, k_receive_buffer);
  curl_library().easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
  long stall = static_cast<long>(options.stall_timeout.count());
  // Less than a byte a second for `stall` seconds is no progress.
  curl_library().easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_library().easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, stall);
  curl_library().easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, stall);
  long verify = options.tls == TlsVerify::on ? 1L : 0L;
  curl_library().easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, verify);
  curl_library().easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, verify * 2);
  // CURLOPT_RANGE rather than CURLOPT_RESUME_FROM: libcurl fails a resume
  // answered with 200, and a 200 (Range ignored, or If-Range saw a change)
  // is an answer the downloader takes and starts over from.
  std::string range;
  if (request.range_from > 0) {
    range = std::to_string(request.range_from) + "-";
    curl_library().easy_setopt(easy, CURLOPT_RANGE, range.c_str());
    if (!request.if_range.empty()) {
      std::string header = "If-Range: " + request.if_range;
      transfer->headers = curl_library().slist_append(nullptr, header.c_str());
      curl_library().easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);
    }
  }
  curl_library().easy_setopt(easy, CURLOPT_HEADERFUNCTION,
                             &Transfer::on_header);
  curl_library().easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
  curl_library().easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  curl_library().easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
  curl_library().multi_add_handle(m_impl->multi, easy);
  m_impl->running.emplace(easy, std::move(transfer));
}

std::size_t HttpClient::poll(std::chrono::milliseconds wait) {
  int still = 0;
  curl_library().multi_perform(m_impl->multi, &still);
  // Wait only when no transfer ended: a free slot is filled at once.
  // curl_multi_poll waits even with nothing running, which is what a queue
  // whose downloads all wait to retry needs.
  if (static_cast<std::size_t>(still) == m_impl->running.size()) {
    curl_library().multi_poll(m_impl->multi, nullptr, 0,
                              static_cast<int>(wait.count()), nullptr);
    curl_library().multi_perform(m_impl->multi, &still);
  }
  int queued = 0;
  while (CURLMsg* message =
             curl_library().multi_info_read(m_impl->multi, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    CURLcode code = message->data.result;
    curl_library().multi_remove_handle(m_impl->multi, easy);
    auto found = m_impl->running.find(easy);
    if (found == m_impl->running.end()) continue;
    std::unique_ptr<Transfer> transfer = std::move(found->second);
    m_impl->running.erase(found);
    TransferEnd end;
    end.kind = transfer->aborted ? EndKind::aborted : kind_of(code);
    // A response without a body never reached on_write.
    if (end.kind == EndKind::complete && !transfer->head_delivered &&
        !transfer->deliver_head()) {
      end.kind = EndKind::aborted;
    }
    if (end.kind != EndKind::complete) {
      end.reason = transfer->error[0] != '\0'
                       ? std::string(transfer->error)
                       : curl_library().easy_strerror(code);
    }
    transfer->handler->on_end(end);
  }
  return m_impl->running.size();
}

void HttpClient::wake() { curl_library().multi_wakeup(m_impl->multi); }

void HttpClient::cancel_all() {
  for (auto& [easy, transfer] : m_impl->running) {
    curl_library().multi_remove_handle(m_impl->multi, easy);
  }
  m_impl->running.clear();
}

} // namespace hasher::net

namespace hasher::net {

std::optional<std::chrono::seconds> retry_after_delay(std::string_view value) {
  value = util::trim(value);
  if (value.empty()) return std::nullopt;
  if (std::optional<std::uint64_t> seconds = parse_count(value)) {
    return std::chrono::seconds(static_cast<std::int64_t>(*seconds));
  }
  std::string text(value);
  time_t when = curl_library().getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  time_t now = time(nullptr);
  return std::chrono::seconds(when > now ? when - now : 0);
}

} // namespace hasher::net
