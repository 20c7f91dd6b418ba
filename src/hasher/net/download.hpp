#pragma once

// One download's life: resume or start its `.part` file, take the response
// (continue on a 206 that starts where the file ends, start over on a 200
// or a changed validator), hash the bytes as they are written, and at the
// end check the length and the expected digests before the rename to the
// final name. Failures that may pass (network, timeouts, 429, 5xx) wait and
// try again with exponential backoff and jitter, longer when the server
// asks (Retry-After); the `.part` and its `.part.meta` (URL and validator)
// stay, so the next attempt, or the next run, continues from them. A
// download that cannot end well never leaves bytes under its final name.

#include <hasher/digest/algorithm.hpp>
#include <hasher/digest/digest_set.hpp>
#include <hasher/net/http_client.hpp>
#include <hasher/net/part_file.hpp>
#include <hasher/util/encoding.hpp>
#include <hasher/util/result.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace hasher::net {

enum class NoClobber { no, yes };

// Checks the digests of a finished download (parallel to the specs) under
// the path it is about to get; returns why it must not stay, or "".
using Verifier = std::function<std::string(
    const std::string& path, const std::vector<util::Bytes>& digests)>;

struct DownloadSettings {
  std::vector<digest::AlgorithmSpec> specs; // digests computed
  int retries = 5;
  std::chrono::milliseconds first_delay{500};
  NoClobber no_clobber = NoClobber::no;
  Verifier verify; // may be empty
};

struct Downloaded {
  std::string url;
  std::string path; // absolute final path
  std::uint64_t size = 0;
  std::vector<util::Bytes> digests; // parallel to DownloadSettings::specs
  bool skipped = false;             // --no-clobber found the final name taken
};

class Download final : public TransferHandler {
public:
  enum class State { waiting, running, finished };
  using Clock = std::chrono::steady_clock;

  // `url` as given; `final_path` absolute, already made safe.
  // `settings` must outlive the download.
  Download(std::string url, std::string final_path,
           const DownloadSettings& settings);

  // Looks at the final name and the `.part`: finishes at once for
  // --no-clobber or an unusable `.part`, else the download waits (ready
  // now) for its first attempt.
  void prepare();
  // The request of the next attempt; the state becomes running.
  Request next_request();

  [[nodiscard]] State state() const { return m_state; }
  [[nodiscard]] Clock::time_point ready_at() const { return m_ready_at; }
  // The outcome, once finished.
  [[nodiscard]] const util::Result<Downloaded>& result() const {
    return m_result;
  }

  bool on_head(const ResponseHead& head) override;
  bool on_body(std::span<const std::uint8_t> bytes) override;
  void on_end(const TransferEnd& end) override;

private:
  void fail(util::Error error);
  void retry_or_fail(std::string reason);
  void restart_file();
  void complete();
  void write_meta(const std::string& validator);

  std::string m_url;
  std::string m_final;
  std::string m_part;
  std::string m_meta;
  const DownloadSettings& m_settings;
  digest::DigestSet m_digests;
  PartFile m_file;
  std::string m_validator;
  std::uint64_t m_offset = 0;   // bytes in the .part (and the digests)
  std::uint64_t m_received = 0; // body bytes of this response
  ResponseHead m_head;
  std::optional<util::Error> m_trouble; // found while the transfer ran
  bool m_retryable = false;
  std::optional<std::chrono::seconds> m_server_delay;
  int m_attempts = 0;
  State m_state = State::waiting;
  Clock::time_point m_ready_at = Clock::now();
  util::Result<Downloaded> m_result{util::Error{}};
  std::minstd_rand m_jitter;
};

} // namespace hasher::net
