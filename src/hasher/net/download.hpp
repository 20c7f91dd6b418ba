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
//
// Threads share a download. The transfer thread (HttpClient's events)
// reads the responses, decides, checks the length and gathers the body
// bytes; everything that touches the file or the digests runs as jobs on
// the download's own worker lane (worker_lanes.hpp), in the order posted:
// the bytes of each poll are handed over as one job (write, then hash), so
// the transfer thread never hashes, writes or syncs, and a `.part` always
// holds a prefix of what arrived. A file that stays small (up to
// k_side_by_side_bytes) is written unhashed and, once whole, hashed from
// its `.part` beside others by the PartHasher (part_hasher.hpp), whose
// thread then finishes it; one that grows past that catches up from its
// `.part` and is hashed as it comes. At the end the lane finishes the
// digests, runs the verifier and hands the file to the commit queue
// (commit_queue.hpp), whose thread names it after a batch sync; only then
// is the download finished. Memory stays bounded: the lane queues are
// bounded and a download gathers under 2 * k_handoff_bytes.

#include <hasher/digest/algorithm.hpp>
#include <hasher/digest/digest_set.hpp>
#include <hasher/digest/lane_plan.hpp>
#include <hasher/net/commit_queue.hpp>
#include <hasher/net/http_client.hpp>
#include <hasher/net/part_file.hpp>
#include <hasher/net/part_hasher.hpp>
#include <hasher/net/worker_lanes.hpp>
#include <hasher/util/encoding.hpp>
#include <hasher/util/result.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace hasher::net {

enum class NoClobber { no, yes };

// Checks the digests of a finished download (parallel to the specs) under
// the path it is about to get; returns why it must not stay, or "". Called
// from worker threads, several at once: it must be thread-safe.
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

// Where a download's file work runs. All must outlive the download's jobs.
struct FileWork {
  WorkerLanes& lanes;
  CommitQueue& commits;
  std::function<void()> wake;  // tells the transfer thread: one finished
  PartHasher* parts = nullptr; // small files' digests; null: as they come
  // The digests of a file hashed as it comes, in two halves when it has
  // two lanes and `helpers` is set: one on the download's lane, the other
  // on the helper lane of the same number.
  const digest::LanePlan* split = nullptr;
  WorkerLanes* helpers = nullptr;
};

class Download final : public TransferHandler {
public:
  // waiting: for its (next) attempt; running: a transfer is on; finishing:
  // its lane and the commit queue end it; finished: result() is final.
  enum class State { waiting, running, finishing, finished };
  using Clock = std::chrono::steady_clock;
  // The bytes gathered before they are handed to the lane at once, rather
  // than at the end of the poll.
  static constexpr std::size_t k_handoff_bytes = std::size_t{256} << 10;
  // Files up to this size are hashed once whole, side by side with others
  // (part_hasher.hpp), when FileWork has a PartHasher.
  static constexpr std::uint64_t k_side_by_side_bytes = std::uint64_t{1} << 20;

  // `url` as given; `final_path` absolute, already made safe.
  // `settings` must outlive the download.
  Download(std::string url, std::string final_path,
           const DownloadSettings& settings);

  // Looks at the final name and the `.part`: finishes at once for
  // --no-clobber or an unusable `.part`, else the download waits (ready
  // now) for its first attempt. A `.part` to resume is opened and hashed
  // here; a fresh one is only created by the first job.
  void prepare();
  // Gives the download its lane of `work` (before next_request).
  void attach(FileWork& work, std::size_t lane);
  // The request of the next attempt; the state becomes running.
  Request next_request();
  // Hands the bytes gathered so far to the lane (the transfer thread calls
  // it after each poll, so no byte waits while the network is idle).
  void hand_off();

  // Any thread; a download seen finished has its result() set.
  [[nodiscard]] State state() const {
    return m_state.load(std::memory_order_acquire);
  }
  [[nodiscard]] Clock::time_point ready_at() const { return m_ready_at; }
  // The outcome, once finished.
  [[nodiscard]] const util::Result<Downloaded>& result() const {
    return m_result;
  }

  bool on_head(const ResponseHead& head) override;
  bool on_body(std::span<const std::uint8_t> bytes) override;
  void on_end(const TransferEnd& end) override;

private:
  enum class KeepPart { yes, no };

  // Transfer thread.
  void fail(util::Error error);
  void retry_or_fail(std::string reason);
  void restart_file();
  void post(WorkerLanes::Job job);
  void end_with(util::Error error, KeepPart keep);
  void complete();

  // The lane (jobs): every touch of m_file, m_digests, m_file_*.
  digest::DigestSet& digests();
  void hash_piece(std::vector<std::uint8_t>& piece);
  void settle_helper();
  void open_file();
  void write_job(std::vector<std::uint8_t> bytes);
  void restart_job();
  void meta_job(const std::string& validator);
  void complete_job();
  void name_job(std::vector<util::Bytes> digests);
  void hashed_whole(util::Result<pipeline::HashOutcome> hashed);
  void catch_up();
  void end_job(const util::Error& error, KeepPart keep);
  void finish_with(util::Result<Downloaded> result);

  std::string m_url;
  std::string m_final;
  std::string m_part;
  std::string m_meta;
  const DownloadSettings& m_settings;
  FileWork* m_work = nullptr;
  std::size_t m_lane = 0;

  // Touched by the transfer thread only (and prepare()).
  std::string m_validator;
  std::uint64_t m_offset = 0;   // bytes handed to the lane for the .part
  std::uint64_t m_received = 0; // body bytes of this response
  std::vector<std::uint8_t> m_gathered; // not yet handed to the lane
  ResponseHead m_head;                  // read by the lane after complete()
  std::optional<util::Error> m_trouble; // found while the transfer ran
  bool m_retryable = false;
  std::optional<std::chrono::seconds> m_server_delay;
  int m_attempts = 0;
  Clock::time_point m_ready_at = Clock::now();
  std::optional<std::minstd_rand> m_jitter; // seeded at the first retry

  // Touched by the lane only (and prepare(), before any job; and after
  // the last job, by the PartHasher's thread that hashed the whole file).
  // Made when first needed (digests()) and dropped once finished.
  std::optional<digest::DigestSet> m_digests;
  PartFile m_file;
  std::uint64_t m_file_bytes = 0; // in the .part
  // The first bytes of the .part not in m_digests yet: all of them (a small
  // file left to the PartHasher) or none.
  std::uint64_t m_unhashed = 0;
  bool m_helped = false; // pieces posted to the helper lane since a drain
  // What the helper lane's hashing threw (written there, read after drain).
  std::optional<std::string> m_helper_error;
  // The resume record to write with the next piece (meta_job).
  std::optional<std::string> m_record_pending;
  std::optional<util::Error> m_file_error; // first write trouble
  // Set by the lane once m_file_error is; read by the transfer thread.
  std::atomic<bool> m_file_failed{false};

  // Written once, by whoever finishes the download, before m_state
  // becomes finished (release); read after (acquire).
  util::Result<Downloaded> m_result{util::Error{}};
  std::atomic<State> m_state{State::waiting};
};

} // namespace hasher::net
