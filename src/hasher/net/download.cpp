#include <hasher/net/download.hpp>

#include <hasher/net/safe_name.hpp>
#include <hasher/util/retry.hpp>

#include <algorithm>
#include <exception>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hasher::net {
namespace {

constexpr std::size_t k_chunk_bytes = std::size_t{1} << 20;
// However long a server asks to wait, a run does not stall for hours.
constexpr std::chrono::seconds k_max_server_delay{300};

// Hashes the first `limit` bytes of the file at `path` into `digests`;
// returns how many it could read.
std::uint64_t hash_part(const std::string& path, digest::DigestSet& digests,
                        std::uint64_t limit) {
  std::ifstream part(path, std::ios::binary);
  std::vector<std::uint8_t> buffer(k_chunk_bytes);
  std::uint64_t hashed = 0;
  while (part && hashed < limit) {
    std::uint64_t want = std::min<std::uint64_t>(buffer.size(), limit - hashed);
    part.read(reinterpret_cast<char*>(buffer.data()),
              static_cast<std::streamsize>(want));
    auto got = static_cast<std::size_t>(part.gcount());
    if (got == 0) break;
    digests.update(digest::ByteView(buffer.data(), got));
    hashed += got;
  }
  return hashed;
}

std::string directory_of(const std::string& path) {
  return path.substr(0, path.rfind('/'));
}

} // namespace

Download::Download(std::string url, std::string final_path,
                   const DownloadSettings& settings)
    : m_url(std::move(url)), m_final(std::move(final_path)),
      m_part(m_final + ".part"), m_meta(m_final + ".part.meta"),
      m_settings(settings) {}

digest::DigestSet& Download::digests() {
  if (!m_digests) m_digests.emplace(m_settings.specs);
  return *m_digests;
}

void Download::prepare() {
  if (m_settings.no_clobber == NoClobber::yes && path_exists(m_final)) {
    Downloaded skipped;
    skipped.url = m_url;
    skipped.path = m_final;
    skipped.skipped = true;
    m_result = std::move(skipped);
    m_state.store(State::finished, std::memory_order_release);
    return;
  }
  // A `.part` from an earlier run continues only when its meta file says
  // it is this URL's; its bytes are hashed again, as the digest covers the
  // whole file. Any other `.part` is emptied by the first job.
  std::optional<PartRecord> record = read_part_meta(m_part, m_meta);
  if (!record) return;
  // Whoever's it is, it goes when the file gets its name.
  m_file.note_record(record->place);
  std::istringstream meta(record->text);
  std::string meta_url;
  if (!std::getline(meta, meta_url) || meta_url != m_url) return;
  std::getline(meta, m_validator);
  util::Result<std::uint64_t> size = m_file.open(m_part, PartStart::resume);
  if (!size) return fail(size.error());
  m_offset = *size;
  if (m_offset == 0) return;
  m_file_bytes = hash_part(m_part, digests(), m_offset);
  if (m_file_bytes != m_offset) {
    // Unreadable: start over rather than hash a guess.
    m_file.close();
    m_digests.reset();
    m_offset = 0;
    m_file_bytes = 0;
  }
}

void Download::attach(FileWork& work, std::size_t lane) {
  m_work = &work;
  m_lane = lane;
}

Request Download::next_request() {
  m_state.store(State::running, std::memory_order_relaxed);
  m_trouble.reset();
  m_retryable = false;
  m_server_delay.reset();
  m_received = 0;
  m_head = ResponseHead{};
  ++m_attempts;
  Request request;
  request.url = m_url;
  request.range_from = m_offset;
  if (m_offset > 0) request.if_range = m_validator;
  return request;
}

bool Download::on_head(const ResponseHead& head) {
  m_head = head;
  const std::string validator =
      !head.etag.empty() ? head.etag : head.last_modified;
  if (head.status == 429 || head.status >= 500) {
    m_trouble = util::Error{util::ErrorKind::transient, m_url,
                            "HTTP " + std::to_string(head.status)};
    m_retryable = true;
    m_server_delay = retry_after_delay(head.retry_after);
    return false;
  }
  if (head.status == 206 && m_offset > 0 && head.range_start == m_offset &&
      (m_validator.empty() || validator.empty() || validator == m_validator)) {
    return true;
  }
  if (head.status == 206 || head.status == 416) {
    // A range we did not ask for, or none the server can give: the bytes
    // kept may not be the file's any more, so start over.
    restart_file();
    m_trouble = util::Error{util::ErrorKind::transient, m_url,
                            "HTTP " + std::to_string(head.status) +
                                " for a range request; starting over"};
    m_retryable = true;
    return false;
  }
  if (head.status != 200) {
    m_trouble = util::Error{util::ErrorKind::io, m_url,
                            "HTTP " + std::to_string(head.status)};
    return false;
  }
  // The whole file (fresh, or a server that ignored Range or saw a change).
  if (m_offset > 0) restart_file();
  m_validator = validator;
  post([this, validator] { meta_job(validator); });
  return true;
}

bool Download::on_body(std::span<const std::uint8_t> bytes) {
  // A write that failed on the lane ends the transfer; complete() then
  // reports the lane's error.
  if (m_file_failed.load(std::memory_order_acquire)) return false;
  if (m_gathered.empty()) m_gathered.reserve(k_handoff_bytes);
  m_gathered.insert(m_gathered.end(), bytes.begin(), bytes.end());
  m_offset += bytes.size();
  m_received += bytes.size();
  if (m_gathered.size() >= k_handoff_bytes) hand_off();
  return true;
}

void Download::hand_off() {
  if (m_gathered.empty()) return;
  std::vector<std::uint8_t> bytes = std::move(m_gathered);
  m_gathered = {};
  post([this, bytes = std::move(bytes)]() mutable {
    write_job(std::move(bytes));
  });
}

void Download::on_end(const TransferEnd& end) {
  hand_off();
  if (m_file_failed.load(std::memory_order_acquire)) return complete();
  if (m_trouble) {
    if (m_retryable) return retry_or_fail(m_trouble->reason);
    return end_with(*m_trouble, KeepPart::no);
  }
  switch (end.kind) {
  case EndKind::complete:
    break;
  case EndKind::transient:
  case EndKind::aborted:
    return retry_or_fail(end.reason);
  case EndKind::permanent:
    // Nothing worth resuming is left behind.
    return end_with(util::Error{util::ErrorKind::io, m_url, end.reason},
                    m_offset == 0 ? KeepPart::no : KeepPart::yes);
  }
  // A body shorter than announced is a cut connection, whatever the
  // transport said.
  if (m_head.content_length && m_received != *m_head.content_length) {
    return retry_or_fail("body of " + std::to_string(m_received) +
                         " bytes, Content-Length " +
                         std::to_string(*m_head.content_length));
  }
  if (m_head.status == 206 && m_head.range_total &&
      m_offset != *m_head.range_total) {
    return retry_or_fail("file of " + std::to_string(m_offset) +
                         " bytes, Content-Range total " +
                         std::to_string(*m_head.range_total));
  }
  complete();
}

void Download::complete() {
  m_state.store(State::finishing, std::memory_order_relaxed);
  m_work->commits.announce();
  post([this] { complete_job(); });
}

void Download::end_with(util::Error error, KeepPart keep) {
  m_state.store(State::finishing, std::memory_order_relaxed);
  post([this, error = std::move(error), keep] { end_job(error, keep); });
}

void Download::fail(util::Error error) {
  m_file.close();
  m_result = std::move(error);
  m_state.store(State::finished, std::memory_order_release);
}

void Download::retry_or_fail(std::string reason) {
  if (m_attempts > m_settings.retries) {
    return end_with(util::Error{util::ErrorKind::transient, m_url,
                                reason + " (after " +
                                    std::to_string(m_attempts) + " attempts)"},
                    KeepPart::yes);
  }
  util::RetryPolicy policy{m_settings.retries, m_settings.first_delay};
  std::chrono::milliseconds delay = util::backoff_delay(policy, m_attempts - 1);
  // Jitter up to half the delay, so transfers cut at once do not come back
  // at once.
  std::uniform_int_distribution<std::int64_t> spread(0, delay.count() / 2);
  if (!m_jitter) {
    // Seeded at the first retry: a random_device per download was 0.6% of
    // the CPU of 200 downloads that never retried.
    m_jitter.emplace(
        static_cast<std::minstd_rand::result_type>(std::random_device{}()));
  }
  delay += std::chrono::milliseconds(spread(*m_jitter));
  if (m_server_delay) {
    delay = std::max<std::chrono::milliseconds>(
        delay, std::min(*m_server_delay, k_max_server_delay));
  }
  m_ready_at = Clock::now() + delay;
  m_state.store(State::waiting, std::memory_order_relaxed);
}

void Download::restart_file() {
  m_offset = 0;
  post([this] { restart_job(); });
}

void Download::post(WorkerLanes::Job job) {
  m_work->lanes.post(m_lane, std::move(job));
}

// The jobs below run on the download's lane, one at a time, in order.

void Download::open_file() {
  if (m_file.is_open() || m_file_error) return;
  util::Result<std::uint64_t> opened = m_file.open(m_part, PartStart::truncate);
  if (!opened) {
    m_file_error = opened.error();
    m_file_failed.store(true, std::memory_order_release);
  }
  m_file_bytes = 0;
}

void Download::write_job(std::vector<std::uint8_t> bytes) {
  open_file();
  if (m_file_error) return;
  if (m_record_pending && m_file_bytes > 0) {
    // A second piece: now a run cut short would have something worth
    // resuming.
    m_file.write_meta(*m_record_pending, m_meta);
    m_record_pending.reset();
  }
  util::Result<std::uint64_t> written = m_file.append(bytes);
  if (!written) {
    m_file_error = written.error();
    m_file_failed.store(true, std::memory_order_release);
    return;
  }
  if (m_work->parts != nullptr && m_unhashed == m_file_bytes &&
      m_file_bytes + bytes.size() <= k_side_by_side_bytes) {
    // Small so far: hashed once whole, side by side with others.
    m_file_bytes += bytes.size();
    m_unhashed = m_file_bytes;
    return;
  }
  const std::uint64_t before = m_file_bytes;
  m_file_bytes += bytes.size();
  try {
    if (m_unhashed > 0) catch_up();
    hash_piece(bytes); // may take the bytes
  } catch (const std::exception& error) {
    m_file_error = util::Error{util::ErrorKind::io, m_final, error.what()};
    m_file_failed.store(true, std::memory_order_release);
    return;
  }
  // A big file goes out to the disk as it grows (the commit thread syncs
  // its file system ahead every few MiB), so that the sync before its name
  // waits for its last piece rather than for all of it (300 MB from a
  // local server: that sync took 0.5 s otherwise).
  m_work->commits.written(m_file, m_file_bytes - before);
}

// A big file's piece: through one half of the digests here and the other
// on the helper lane, which takes the piece and goes at it while this
// lane writes and hashes the next, where the plan has two halves. 300 MB
// from a local server with the default four digests: 1.8-1.9 s with all
// of them on the lane and the sync at the end, 1.0-1.1 s in halves and
// synced ahead (curl, then sync: 1.1-1.4 s). The bytes of `piece` may be
// gone after.
void Download::hash_piece(std::vector<std::uint8_t>& piece) {
  const digest::LanePlan* split = m_work->split;
  digest::DigestSet& set = digests();
  if (m_work->helpers == nullptr || split->lanes.size() < 2) {
    return set.update(digest::ByteView(piece.data(), piece.size()));
  }
  set.update(digest::ByteView(piece.data(), piece.size()), split->lanes[0]);
  m_work->helpers->post(m_lane, [this, &set, split, bytes = std::move(piece)] {
    try {
      set.update(digest::ByteView(bytes.data(), bytes.size()), split->lanes[1]);
    } catch (const std::exception& error) {
      if (!m_helper_error) m_helper_error = error.what();
    }
  });
  m_helped = true;
}

// Waits for this download's pieces on the helper lane (before its digests
// are read or dropped); throws what their hashing threw.
void Download::settle_helper() {
  if (!m_helped) return;
  m_helped = false;
  m_work->helpers->drain(m_lane);
  if (!m_helper_error) return;
  std::string why = std::move(*m_helper_error);
  m_helper_error.reset();
  throw std::runtime_error(why);
}

// The file outgrew k_side_by_side_bytes: what was left unhashed is read
// back (from the page cache it was just written to) and hashing goes on as
// the bytes come. Throws when the `.part` cannot be read back.
void Download::catch_up() {
  if (hash_part(m_part, digests(), m_unhashed) != m_unhashed) {
    throw std::runtime_error("cannot read back " + m_part);
  }
  m_unhashed = 0;
}

void Download::restart_job() {
  open_file();
  if (m_file_error) return;
  util::Result<std::uint64_t> emptied = m_file.truncate();
  if (!emptied) {
    m_file_error = emptied.error();
    m_file_failed.store(true, std::memory_order_release);
  }
  // The record was of the bytes just dropped.
  m_file.drop_record(m_meta);
  try {
    settle_helper();
  } catch (...) {
    // Those digests are dropped anyway.
  }
  m_digests.reset();
  m_file_bytes = 0;
  m_unhashed = 0;
}

// The record is written with the `.part`'s second piece, not now: most
// files arrive in one piece (k_handoff_bytes), and for those the record
// would only be written and removed again (3.7% of the CPU of 200
// downloads of 256 KiB, an xattr block each on ext4); a run cut short
// fetches such a file again, at most one piece.
void Download::meta_job(const std::string& validator) {
  open_file();
  if (m_file_error) return;
  m_record_pending = m_url + '\n' + validator + '\n';
}

void Download::complete_job() {
  open_file();
  if (m_file_error) {
    m_work->commits.withdraw();
    remove_file(m_part);
    remove_file(m_meta);
    return finish_with(*m_file_error);
  }
  if (m_unhashed > 0) {
    m_work->commits.written(m_file, m_file_bytes);
    // The last job of this download: from here the PartHasher's thread
    // has it.
    m_work->parts->add(
        m_part, [this](auto hashed) { hashed_whole(std::move(hashed)); });
    return;
  }
  std::vector<util::Bytes> digests;
  try {
    settle_helper();
    digests = this->digests().finish();
  } catch (const std::exception& error) {
    m_work->commits.withdraw();
    m_file.close();
    return finish_with(util::Error{util::ErrorKind::io, m_final, error.what()});
  }
  name_job(std::move(digests));
}

void Download::hashed_whole(util::Result<pipeline::HashOutcome> hashed) {
  if (hashed && hashed->bytes == m_file_bytes) {
    return name_job(std::move(hashed->digests));
  }
  m_work->commits.withdraw();
  m_file.close();
  remove_file(m_part);
  remove_file(m_meta);
  finish_with(hashed ? util::Error{util::ErrorKind::io, m_part,
                                   "changed while being hashed"}
                     : hashed.error());
}

// Checks the digests of the whole file and hands it to the commit queue.
void Download::name_job(std::vector<util::Bytes> digests) {
  std::string target = m_final;
  if (!m_head.content_disposition.empty()) {
    if (std::optional<std::string> name =
            disposition_file_name(m_head.content_disposition)) {
      target = directory_of(m_final) + "/" + *name;
    }
  }
  Downloaded done;
  done.url = m_url;
  done.path = target;
  done.size = m_file_bytes;
  done.digests = std::move(digests);
  try {
    if (target != m_final && m_settings.no_clobber == NoClobber::yes &&
        path_exists(target)) {
      m_work->commits.withdraw();
      m_file.close();
      remove_file(m_part);
      remove_file(m_meta);
      done.skipped = true;
      return finish_with(std::move(done));
    }
    if (m_settings.verify) {
      std::string mismatch = m_settings.verify(target, done.digests);
      if (!mismatch.empty()) {
        m_work->commits.withdraw();
        m_file.close();
        remove_file(m_part);
        remove_file(m_meta);
        return finish_with(
            util::Error{util::ErrorKind::mismatch, target, mismatch});
      }
    }
  } catch (const std::exception& error) {
    m_work->commits.withdraw();
    m_file.close();
    return finish_with(util::Error{util::ErrorKind::io, target, error.what()});
  }
  ReadyPart ready;
  ready.file = std::move(m_file);
  ready.part = m_part;
  ready.meta = m_meta;
  ready.target = target;
  ready.bytes = m_file_bytes;
  ready.done = [this, done = std::move(done)](
                   util::Result<std::uint64_t> named) mutable {
    if (!named) return finish_with(named.error());
    finish_with(std::move(done));
  };
  m_work->commits.add(std::move(ready));
}

void Download::end_job(const util::Error& error, KeepPart keep) {
  m_file.close();
  if (keep == KeepPart::no) {
    remove_file(m_part);
    remove_file(m_meta);
  }
  finish_with(error);
}

void Download::finish_with(util::Result<Downloaded> result) {
  // A finished download keeps its result only: a list of a million URLs
  // must not hold a million sets of digest contexts.
  try {
    settle_helper(); // a download ending in an error, on its lane
  } catch (...) {
    // It ends in an error already.
  }
  m_digests.reset();
  m_result = std::move(result);
  m_state.store(State::finished, std::memory_order_release);
  if (m_work->wake) m_work->wake();
}

} // namespace hasher::net
