#include <hasher/pipeline/verify_sink.hpp>

namespace hasher::pipeline {

VerifySink::VerifySink(std::vector<digest::AlgorithmSpec> specs,
                       Handler handler, ui::Reporter& reporter,
                       ui::ProgressCounters& progress)
    : m_specs(std::move(specs)), m_handler(std::move(handler)),
      m_reporter(reporter), m_progress(progress) {}

void VerifySink::expect(Expectation expectation) {
  std::lock_guard lock(m_mutex);
  m_expected.push_back(std::move(expectation));
}

void VerifySink::on_result(FileResult& result) {
  Expectation expected;
  {
    std::lock_guard lock(m_mutex);
    if (m_expected.empty()) return; // cannot happen: one expect per file
    expected = std::move(m_expected.front());
    m_expected.pop_front();
  }
  // Stopped by a signal: neither verified nor failed (a resumed run reads it).
  if (result.error && result.error->kind == util::ErrorKind::interrupted) {
    return;
  }
  VerifyOutcome outcome = judge(expected, result);
  m_progress.files_done.fetch_add(1);
  m_progress.bytes_done.fetch_add(result.bytes);
  if (outcome.verdict != Verdict::ok && outcome.verdict != Verdict::changed) {
    m_progress.errors.fetch_add(1);
  }
  m_handler(expected, outcome, result);
}

VerifyOutcome VerifySink::judge(const Expectation& expected,
                                const FileResult& result) const {
  VerifyOutcome outcome;
  if (result.error) {
    bool gone = result.error->kind == util::ErrorKind::not_found;
    outcome.verdict = gone ? Verdict::missing : Verdict::failed;
    outcome.reason = result.error->reason;
    return outcome;
  }
  for (std::size_t i = 0; i < m_specs.size(); ++i) {
    const std::optional<util::Bytes>& want = expected.digests[i];
    if (want && *want != result.digests[i]) outcome.mismatched.push_back(i);
  }
  if (!outcome.mismatched.empty()) {
    outcome.verdict = Verdict::mismatch;
    return outcome;
  }
  if (expected.stored) {
    if (expected.stored->size != result.info.size) {
      outcome.changed.emplace_back("size");
    }
    if (expected.stored->mtime_ns != result.info.mtime_ns) {
      outcome.changed.emplace_back("mtime");
    }
    if (!outcome.changed.empty()) outcome.verdict = Verdict::changed;
  }
  return outcome;
}

void VerifySink::on_skip(const std::string& path, const std::string& reason) {
  m_reporter.verbose("hasher: skipped: " + path + ": " + reason);
}

void VerifySink::on_walk_error(const util::Error& error) {
  m_reporter.error(error.subject, error.reason);
}

} // namespace hasher::pipeline
