#include <hasher/net/download.hpp>

#include <hasher/net/safe_name.hpp>
#include <hasher/util/retry.hpp>

#include <fstream>

namespace hasher::net {
namespace {

constexpr std::size_t k_chunk_bytes = std::size_t{1} << 20;
// However long a server asks to wait, a run does not stall for hours.
constexpr std::chrono::seconds k_max_server_delay{300};

std::string directory_of(const std::string& path) {
  return path.substr(0, path.rfind('/'));
}

} // namespace

Download::Download(std::string url, std::string final_path,
                   const DownloadSettings& settings)
    : m_url(std::move(url)), m_final(std::move(final_path)),
      m_part(m_final + ".part"), m_meta(m_final + ".part.meta"),
      m_settings(settings), m_digests(settings.specs),
      m_jitter(
          static_cast<std::minstd_rand::result_type>(std::random_device{}())) {}

void Download::prepare() {
  if (m_settings.no_clobber == NoClobber::yes && path_exists(m_final)) {
    Downloaded skipped;
    skipped.url = m_url;
    skipped.path = m_final;
    skipped.skipped = true;
    m_result = std::move(skipped);
    m_state = State::finished;
    return;
  }
  // A `.part` from an earlier run continues only when its meta file says
  // it is this URL's; its bytes are hashed again, as the digest covers the
  // whole file.
  PartStart start = PartStart::truncate;
  std::ifstream meta(m_meta);
  std::string meta_url;
  if (meta && std::getline(meta, meta_url) && meta_url == m_url) {
    std::getline(meta, m_validator);
    start = PartStart::resume;
  }
  util::Result<std::uint64_t> size = m_file.open(m_part, start);
  if (!size) return fail(size.error());
  m_offset = *size;
  if (m_offset > 0) {
    std::ifstream part(m_part, std::ios::binary);
    std::vector<std::uint8_t> buffer(k_chunk_bytes);
    std::uint64_t hashed = 0;
    while (part) {
      part.read(reinterpret_cast<char*>(buffer.data()),
                static_cast<std::streamsize>(buffer.size()));
      auto got = static_cast<std::size_t>(part.gcount());
      if (got == 0) break;
      m_digests.update(digest::ByteView(buffer.data(), got));
      hashed += got;
    }
    if (hashed != m_offset) {
      // Unreadable: start over rather than hash a guess.
      restart_file();
    }
  }
  if (m_offset == 0) write_meta("");
}

Request Download::next_request() {
  m_state = State::running;
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
  write_meta(validator);
  return !m_trouble;
}

bool Download::on_body(std::span<const std::uint8_t> bytes) {
  util::Result<std::uint64_t> written = m_file.append(bytes);
  if (!written) {
    m_trouble = written.error();
    return false;
  }
  m_digests.update(digest::ByteView(bytes.data(), bytes.size()));
  m_offset += bytes.size();
  m_received += bytes.size();
  return true;
}

void Download::on_end(const TransferEnd& end) {
  if (m_trouble) {
    if (m_retryable) return retry_or_fail(m_trouble->reason);
    remove_file(m_part);
    remove_file(m_meta);
    return fail(*m_trouble);
  }
  switch (end.kind) {
  case EndKind::complete:
    break;
  case EndKind::transient:
  case EndKind::aborted:
    return retry_or_fail(end.reason);
  case EndKind::permanent:
    // Nothing worth resuming is left behind.
    if (m_offset == 0) {
      remove_file(m_part);
      remove_file(m_meta);
    }
    return fail(util::Error{util::ErrorKind::io, m_url, end.reason});
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
  util::Result<std::uint64_t> synced = m_file.close_synced();
  if (!synced) return fail(synced.error());
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
  done.size = m_offset;
  done.digests = m_digests.finish();
  if (target != m_final && m_settings.no_clobber == NoClobber::yes &&
      path_exists(target)) {
    remove_file(m_part);
    remove_file(m_meta);
    done.skipped = true;
    m_result = std::move(done);
    m_state = State::finished;
    return;
  }
  if (m_settings.verify) {
    std::string mismatch = m_settings.verify(target, done.digests);
    if (!mismatch.empty()) {
      remove_file(m_part);
      remove_file(m_meta);
      return fail(util::Error{util::ErrorKind::mismatch, target, mismatch});
    }
  }
  util::Result<std::uint64_t> renamed = rename_file(m_part, target);
  if (!renamed) return fail(renamed.error());
  remove_file(m_meta);
  m_result = std::move(done);
  m_state = State::finished;
}

void Download::fail(util::Error error) {
  m_file.close();
  m_result = std::move(error);
  m_state = State::finished;
}

void Download::retry_or_fail(std::string reason) {
  if (m_attempts > m_settings.retries) {
    m_file.close();
    return fail(util::Error{util::ErrorKind::transient, m_url,
                            reason + " (after " + std::to_string(m_attempts) +
                                " attempts)"});
  }
  util::RetryPolicy policy{m_settings.retries, m_settings.first_delay};
  std::chrono::milliseconds delay = util::backoff_delay(policy, m_attempts - 1);
  // Jitter up to half the delay, so transfers cut at once do not come back
  // at once.
  std::uniform_int_distribution<std::int64_t> spread(0, delay.count() / 2);
  delay += std::chrono::milliseconds(spread(m_jitter));
  if (m_server_delay) {
    delay = std::max<std::chrono::milliseconds>(
        delay, std::min(*m_server_delay, k_max_server_delay));
  }
  m_ready_at = Clock::now() + delay;
  m_state = State::waiting;
}

void Download::restart_file() {
  util::Result<std::uint64_t> emptied = m_file.truncate();
  if (!emptied) m_trouble = emptied.error();
  m_digests.reset();
  m_offset = 0;
}

void Download::write_meta(const std::string& validator) {
  std::ofstream meta(m_meta, std::ios::trunc);
  meta << m_url << '\n' << validator << '\n';
}

} // namespace hasher::net
