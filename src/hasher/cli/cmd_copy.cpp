// `hasher copy SRC... DEST`: copy files and trees while hashing them, each
// byte read once (pipeline/copy_file.hpp), every file written to a temp in
// its final directory and renamed only when whole, with the source's mode
// and mtime. Names follow `rsync -a` rather than `cp -r`, so that a re-run
// names the same files (see plan_targets). Directories are made with their
// source's mode and mtime (set once the files are in); only directories holding
// a copied file are made.
//
// The run is a catalog run rooted at DEST (command "copy"): locked, and an
// interrupted copy re-run resumes it, skipping what that run committed; a
// file it was writing is copied again, and temps a killed run left are
// removed from each directory the first time it is written to. One record
// per copied file is printed under its destination path; the catalog row is
// keyed by the destination (`--store-source-path`: the source as `source`).
//
// With --compress (gzip, zstd, or auto per file) a copy gets the codec's
// suffix, --decompress writes a .gz/.zst source decoded (without it); the
// digests are of the content (default, --hash-uncompressed), of the bytes
// written (--hash-compressed) or both (--hash-both). A content record is
// named as the decoded file would be (`f.txt` for `f.txt.zst`, as Debian's
// Release files list `Packages` for `Packages.xz`); its catalog row says
// which codec to read the file through.
//
// Files are copied on -j threads (pipeline/copy_pool.hpp) while this
// thread walks, decides and commits, in walk order.

#include <hasher/catalog/catalog.hpp>
#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/cli/pipeline_settings.hpp>
#include <hasher/cli/run_state.hpp>
#include <hasher/cli/signals.hpp>
#include <hasher/cli/walk_settings.hpp>
#include <hasher/codec/codec.hpp>
#include <hasher/digest/algorithm.hpp>
#include <hasher/digest/lane_plan.hpp>
#include <hasher/format/writer.hpp>
#include <hasher/io/atomic_file.hpp>
#include <hasher/io/long_path.hpp>
#include <hasher/io/path.hpp>
#include <hasher/pipeline/catalog_writer.hpp>
#include <hasher/pipeline/copy_batch.hpp>
#include <hasher/pipeline/copy_file.hpp>
#include <hasher/pipeline/copy_pool.hpp>
#include <hasher/pipeline/skip_check.hpp>
#include <hasher/ui/progress.hpp>
#include <hasher/ui/summary.hpp>
#include <hasher/util/errors.hpp>
#include <hasher/util/strings.hpp>
#include <hasher/walk/tree_walker.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <iostream>
#include <set>
#include <thread>

namespace hasher::cli {
namespace {

// Files at least this big hash over lanes when copy threads are idle (as
// in hash: smaller ones are copied side by side instead).
constexpr std::uint64_t k_split_threshold = 16u << 20;

// One SRC and where it goes.
struct Target {
  std::string source;      // as given
  std::string destination; // absolute, normalised
  std::string shown;       // the destination as records show it
};

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string join(const std::string& dir, const std::string& name) {
  if (name.empty()) return dir;
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

// `shown`, the way records name the planned path `planned`, renamed as
// `actual` (the same path with a codec suffix added or removed).
std::string renamed_like(const std::string& shown, const std::string& planned,
                         const std::string& actual) {
  std::string planned_name = planned.substr(planned.rfind('/') + 1);
  std::string actual_name = actual.substr(actual.rfind('/') + 1);
  if (shown.size() < planned_name.size() ||
      shown.compare(shown.size() - planned_name.size(), planned_name.size(),
                    planned_name) != 0) {
    return shown;
  }
  return shown.substr(0, shown.size() - planned_name.size()) + actual_name;
}

enum class Kind { missing, directory, other };

Kind kind_of(const std::string& path, io::FollowLinks follow) {
  struct stat st {};
  if (io::stat_path(path, &st, follow) != 0) return Kind::missing;
  return S_ISDIR(st.st_mode) ? Kind::directory : Kind::other;
}

// The SRC arguments mapped onto DEST as `rsync -a` does, so that the same
// command names the same files whether DEST exists or not (a re-run of an
// interrupted copy resumes it instead of nesting a second copy): a
// directory SRC becomes DEST/basename(SRC), its contents go straight into
// DEST when SRC ends with '/'; a file SRC becomes DEST/name when DEST is a
// directory, ends with '/' or there are several SRCs, else DEST itself.
// Makes DEST (not its parents) when it is to be a directory. Throws
// UsageError for impossible combinations, FatalError when DEST cannot be
// made or written.
std::vector<Target> plan_targets(const std::vector<std::string>& args,
                                 const std::string& cwd) {
  const std::string& dest_given = args.back();
  const std::string dest = io::absolute_path(dest_given, cwd);
  const std::size_t count = args.size() - 1;
  Kind dest_kind = kind_of(dest, io::FollowLinks::yes);
  bool dest_is_dir =
      dest_kind == Kind::directory || count > 1 || dest_given.back() == '/';
  std::vector<Target> targets;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& source = args[i];
    std::string absolute = io::absolute_path(source, cwd);
    Kind source_kind = kind_of(source, io::FollowLinks::yes);
    if (source_kind == Kind::directory) {
      if (io::path_within(dest, absolute)) {
        throw util::UsageError(source +
                               ": cannot copy a directory into itself (" +
                               dest_given + ")");
      }
      dest_is_dir = true;
    }
    if (source_kind == Kind::directory && source.back() == '/') {
      targets.push_back({source, dest, dest_given});
      continue;
    }
    if (!dest_is_dir) {
      targets.push_back({source, dest, dest_given});
      continue;
    }
    std::string name = absolute.substr(absolute.rfind('/') + 1);
    if (name.empty()) {
      throw util::UsageError(source + ": cannot copy the root directory");
    }
    targets.push_back({source, join(dest, name), join(dest_given, name)});
  }
  if (dest_is_dir && dest_kind == Kind::other) {
    throw util::UsageError(dest_given + ": not a directory");
  }
  if (dest_is_dir && dest_kind == Kind::missing &&
      ::mkdir(dest.c_str(), 0777) != 0) {
    throw util::FatalError(
        dest_given + ": destination not writable: " + io::errno_reason(errno));
  }
  // Where the files will go must be writable, or nothing is done (exit 3).
  std::string writable = dest_is_dir ? dest : parent_of(dest);
  if (kind_of(writable, io::FollowLinks::yes) != Kind::directory) {
    throw util::FatalError(dest_given +
                           ": destination not writable: no such directory");
  }
  if (::access(writable.c_str(), W_OK | X_OK) != 0) {
    throw util::FatalError(
        dest_given + ": destination not writable: " + io::errno_reason(errno));
  }
  return targets;
}

// The destination directories: made on first use with the source's mode
// (writable by us until the end), cleared of stale temps once, and given
// the source's mode and mtime by finish().
class DestinationDirs {
public:
  // Makes `dest_dir` (and what is missing above it) for `source_dir`.
  util::Result<std::uint64_t> ensure(const std::string& dest_dir,
                                     const std::string& source_dir) {
    if (m_known.contains(dest_dir)) return 0;
    Kind kind = kind_of(dest_dir, io::FollowLinks::yes);
    if (kind == Kind::other) {
      return util::Error{util::ErrorKind::invalid, dest_dir,
                         "exists and is not a directory"};
    }
    if (kind == Kind::missing) {
      util::Result<std::uint64_t> above =
          ensure(parent_of(dest_dir), parent_of(source_dir));
      if (!above) return above;
      struct stat st {};
      if (io::stat_path(source_dir, &st, io::FollowLinks::yes) != 0) {
        return util::Error{io::error_kind(errno), source_dir,
                           io::errno_reason(errno)};
      }
      if (::mkdir(dest_dir.c_str(), (st.st_mode & 07777) | S_IRWXU) != 0 &&
          errno != EEXIST) {
        return util::Error{io::error_kind(errno), dest_dir,
                           "cannot create the directory: " +
                               io::errno_reason(errno)};
      }
      m_made.push_back(
          {dest_dir, static_cast<mode_t>(st.st_mode & 07777), st.st_mtim});
    } else {
      io::remove_stale_temps(dest_dir);
    }
    m_known.insert(dest_dir);
    return 0;
  }

  // Gives every directory made its source's mode and mtime, deepest first
  // (a parent's mtime is not touched by its children's attributes).
  void finish() {
    for (auto made = m_made.rbegin(); made != m_made.rend(); ++made) {
      ::chmod(made->path.c_str(), made->mode);
      struct timespec times[2] = {{0, UTIME_OMIT}, made->mtime};
      ::utimensat(AT_FDCWD, made->path.c_str(), times, 0);
    }
  }

private:
  struct Made {
    std::string path;
    mode_t mode;
    struct timespec mtime;
  };
  std::set<std::string> m_known;
  std::vector<Made> m_made;
};

// Counts the files and bytes ahead of the copy for the progress line's
// totals and ETA: a second walk of the same roots (metadata only) on its
// own thread, stopping when the copy stops.
class CountingVisitor final : public walk::WalkVisitor {
public:
  CountingVisitor(ui::ProgressCounters& progress, const std::atomic<bool>& stop)
      : m_progress(progress), m_stop(stop) {}
  bool on_file(walk::WalkEntry entry) override {
    ++m_progress.files_total;
    if (entry.info) m_progress.bytes_total += entry.info->size;
    return !m_stop.load();
  }
  void on_skip(const std::string&, const std::string&) override {}
  void on_warning(const std::string&, const std::string&) override {}
  void on_error(const util::Error&) override {}

private:
  ui::ProgressCounters& m_progress;
  const std::atomic<bool>& m_stop;
};

struct CopyCounts {
  ui::RunCounts run;              // copied, bytes, failed, skipped
  std::uint64_t already_done = 0; // committed by the resumed run
  std::uint64_t existing = 0;     // kept by --skip-existing / --no-clobber
};

struct CopySettings {
  pipeline::CopyCoding coding;
  pipeline::VerifyCopy verify = pipeline::VerifyCopy::no;
  io::Overwrite overwrite = io::Overwrite::replace;
  bool skip_existing = false;
  bool hash_existing = true;
  bool store_source = false;
  std::uint64_t split_threshold = 0;
  std::size_t jobs = 1;
};

// Copies each file the walk of one SRC yields, in walk order.
class CopyVisitor final : public walk::WalkVisitor {
public:
  CopyVisitor(const CopySettings& settings, pipeline::FileCopier& copier,
              const digest::LanePlan& plan, DestinationDirs& dirs,
              pipeline::SkipCheck* resume, format::RecordWriter* writer,
              pipeline::CatalogWriter* catalog, ui::Reporter& reporter,
              const std::atomic<bool>& stop, CopyCounts& counts,
              ui::ProgressCounters& progress)
      : m_settings(settings), m_copier(copier), m_plan(plan), m_dirs(dirs),
        m_resume(resume), m_writer(writer), m_catalog(catalog),
        m_reporter(reporter), m_stop(stop), m_counts(counts),
        m_progress(progress),
        m_batch(copier, settings.verify,
                [this](pipeline::PendingCopy& copy,
                       const util::Result<io::FileInfo>& result) {
                  on_committed(copy, result);
                }),
        m_pool(copier.specs(), settings.coding, &stop, settings.jobs,
               settings.split_threshold,
               [this](const pipeline::CopyRequest& request,
                      util::Result<pipeline::PendingCopy>& written) {
                 on_written(request, written);
               }) {
    m_pool.count_bytes(&progress.bytes_done);
    // Copies handed back wait no longer than a moment for their commit,
    // even while a long one holds up the rest.
    m_pool.on_waiting([this] { m_batch.flush(); });
  }

  void set_target(const Target& target) { m_target = &target; }

  bool on_file(walk::WalkEntry entry) override {
    if (m_stop.load()) return false;
    const Target& target = *m_target;
    std::string relative = relative_to_root(entry.path);
    std::string dest = join(target.destination, relative);
    std::string shown = join(target.shown, relative);
    copy_one(entry, dest, shown);
    return !m_stop.load();
  }
  void on_skip(const std::string& path, const std::string& reason) override {
    skip(path, reason);
  }
  void on_warning(const std::string& path, const std::string& reason) override {
    m_reporter.warning(path, reason);
  }
  void on_error(const util::Error& error) override {
    fail(error.subject, error.subject, error.reason);
  }

private:
  // The walked path below its root ("" for a file root). Names come from
  // the directory listing, so they hold no '/' and are never "." or "..":
  // the destination stays inside DEST.
  std::string relative_to_root(const std::string& path) const {
    const std::string& root = m_target->source;
    if (path.size() <= root.size()) return "";
    std::size_t at = root.size();
    if (root.back() != '/') ++at;
    return path.substr(at);
  }

  // Where a copy of `source` planned at `dest` may be on disk: its final
  // name, and with --compress auto both `NAME.zst` and `NAME`.
  std::vector<std::string> on_disk_names(const std::string& source,
                                         const std::string& dest) const {
    std::string name = m_copier.final_name(source, dest);
    if (!m_settings.coding.compress.adaptive) return {name};
    return {name + std::string(codec::codec_extension(codec::Codec::zstd)),
            name};
  }

  void copy_one(const walk::WalkEntry& entry, const std::string& dest,
                const std::string& shown) {
    std::vector<std::string> names = on_disk_names(entry.path, dest);
    if (m_resume != nullptr && already_done(names)) return;
    util::Result<std::uint64_t> made =
        m_dirs.ensure(parent_of(dest), parent_of(entry.path));
    if (!made) {
      fail(entry.path, dest, made.error().subject + ": " + made.error().reason);
      return;
    }
    struct stat existing {};
    std::string there = names.front();
    bool exists = false;
    for (const std::string& name : names) {
      exists = io::stat_path(name, &existing, io::FollowLinks::no) == 0;
      if (exists) {
        there = name;
        break;
      }
    }
    std::string there_shown = renamed_like(shown, dest, there);
    if (exists && S_ISDIR(existing.st_mode)) {
      fail(there_shown, there, "is a directory");
      return;
    }
    if (exists && m_settings.overwrite == io::Overwrite::refuse) {
      keep(there_shown, "exists (--no-clobber)");
      return;
    }
    if (exists && m_settings.skip_existing && S_ISREG(existing.st_mode) &&
        same_content(entry, there, there_shown,
                     static_cast<std::uint64_t>(existing.st_size))) {
      return;
    }
    std::uint64_t size = entry.info ? entry.info->size : 0;
    m_pool.submit({entry.path, dest, shown, m_settings.overwrite}, size);
  }

  // A copy written by the pool, in walk order: into the batch, whose
  // commit names it.
  void on_written(const pipeline::CopyRequest& request,
                  util::Result<pipeline::PendingCopy>& written) {
    if (!written) {
      report_failure(written.error(), request.destination, request.shown);
      return;
    }
    m_batch.add(std::move(*written));
  }

public:
  // What the batch says of a copy: committed (record it) or failed.
  void on_committed(pipeline::PendingCopy& copy,
                    const util::Result<io::FileInfo>& result) {
    const pipeline::CopyRequest& request = copy.request;
    const std::string& on_disk = copy.temp.path();
    std::string shown =
        renamed_like(request.shown, request.destination, on_disk);
    if (!result) {
      report_failure(result.error(), on_disk, shown);
      return;
    }
    codec::Codec written = copy.written_codec;
    if (written == codec::Codec::none) {
      record(request.source, on_disk, shown, *result, codec::Codec::none,
             std::move(copy.digests));
    } else {
      // The content under the decoded name, the written bytes under the
      // file's own: either or both, as asked.
      if (!copy.digests.empty()) {
        io::FileInfo content = *result;
        content.size = copy.bytes;
        record(request.source, codec::strip_extension(on_disk, written),
               codec::strip_extension(shown, written), content, written,
               std::move(copy.digests));
      }
      if (!copy.written_digests.empty()) {
        record(request.source, on_disk, shown, *result, codec::Codec::none,
               std::move(copy.written_digests));
      }
    }
    ++m_counts.run.files;
    m_counts.run.bytes += copy.bytes;
    ++m_progress.files_done;
  }

  // Waits for the copies in flight and commits every one still waiting.
  void flush() {
    m_pool.finish();
    m_batch.flush();
  }

private:
  void report_failure(const util::Error& error, const std::string& dest,
                      const std::string& shown) {
    if (error.kind == util::ErrorKind::interrupted) return;
    if (error.kind == util::ErrorKind::special) {
      skip(error.subject, error.reason);
      return;
    }
    if (error.kind == util::ErrorKind::invalid && error.reason == "exists") {
      keep(shown, "exists (--no-clobber)");
      return;
    }
    fail(error.subject == dest ? shown : error.subject, dest, error.reason);
  }

  // Whether the resumed run committed this copy: a row under one of the
  // names it may have (its on-disk names, or a compressed copy's content
  // name), and the file still there.
  bool already_done(const std::vector<std::string>& names) {
    std::vector<std::string> keys = names;
    for (const std::string& name : names) {
      codec::Codec codec = codec::codec_of_path(name);
      if (codec != codec::Codec::none) {
        keys.push_back(codec::strip_extension(name, codec));
      }
    }
    std::vector<pipeline::SkipQuery> queries;
    for (const std::string& key : keys) queries.push_back({&key, key, nullptr});
    std::vector<pipeline::SkipReason> reasons = m_resume->decide(queries);
    bool done = false;
    for (pipeline::SkipReason reason : reasons) {
      done = done || reason == pipeline::SkipReason::already_done;
    }
    if (!done) return false;
    for (const std::string& name : names) {
      if (kind_of(name, io::FollowLinks::no) == Kind::other) {
        ++m_counts.already_done;
        ++m_progress.files_done;
        return true;
      }
    }
    return false;
  }

  // --skip-existing: same size, then (unless --no-hash-existing) the same
  // digests. True when the destination is kept.
  bool same_content(const walk::WalkEntry& entry, const std::string& dest,
                    const std::string& shown, std::uint64_t dest_size) {
    // Compressed or decoded on the way: sizes say nothing, contents do.
    const pipeline::CopyCoding& coding = m_settings.coding;
    codec::Codec source_codec = coding.decompress
                                    ? codec::codec_of_path(entry.path)
                                    : codec::Codec::none;
    codec::Codec dest_codec =
        coding.compress.adaptive || coding.compress.codec != codec::Codec::none
            ? codec::codec_of_path(dest)
            : codec::Codec::none;
    if (source_codec != codec::Codec::none ||
        dest_codec != codec::Codec::none) {
      if (!m_settings.hash_existing) {
        keep(shown, "exists");
        return true;
      }
      util::Result<pipeline::HashOutcome> there =
          m_copier.hash(dest, &m_plan, dest_codec);
      util::Result<pipeline::HashOutcome> here =
          m_copier.hash(entry.path, &m_plan, source_codec);
      if (!there || !here || here->digests != there->digests) return false;
      keep(shown, "exists with the same content");
      return true;
    }
    std::uint64_t source_size = 0;
    if (entry.info) {
      source_size = entry.info->size;
    } else {
      struct stat st {};
      if (io::stat_path(entry.path, &st, io::FollowLinks::yes) != 0) {
        return false; // the copy reports it
      }
      source_size = static_cast<std::uint64_t>(st.st_size);
    }
    if (source_size != dest_size) return false;
    if (!m_settings.hash_existing) {
      keep(shown, "exists with the same size");
      return true;
    }
    util::Result<pipeline::HashOutcome> there = m_copier.hash(dest, &m_plan);
    if (!there) return false;
    util::Result<pipeline::HashOutcome> here =
        m_copier.hash(entry.path, &m_plan);
    if (!here || here->digests != there->digests) return false;
    keep(shown, "exists with the same content");
    struct stat st {};
    if (m_catalog != nullptr &&
        io::stat_path(dest, &st, io::FollowLinks::no) == 0) {
      add_row(entry.path, dest, io::file_info(st), codec::Codec::none,
              std::move(here->digests));
    }
    return true;
  }

  // One record and row; `content_codec`, when not none, says the digests
  // are of what `dest` + its suffix holds decoded.
  void record(const std::string& source, const std::string& dest,
              const std::string& shown, const io::FileInfo& info,
              codec::Codec content_codec, std::vector<util::Bytes> digests) {
    if (m_writer != nullptr) {
      m_record.path = shown;
      m_record.size = info.size;
      m_record.mtime_ns = info.mtime_ns;
      m_record.digests = digests;
      m_writer->write(m_record);
    }
    if (m_catalog != nullptr) {
      add_row(source, dest, info, content_codec, std::move(digests));
    }
  }

  void add_row(const std::string& source, const std::string& dest,
               const io::FileInfo& info, codec::Codec content_codec,
               std::vector<util::Bytes> digests) {
    catalog::FileRow row;
    row.path = dest;
    row.size = info.size;
    row.mtime_ns = info.mtime_ns;
    row.inode = info.inode;
    row.device = info.device;
    row.digests = std::move(digests);
    row.content_codec = std::string(codec::codec_name(content_codec));
    if (m_settings.store_source) {
      row.source = io::absolute_path(source, io::current_directory());
    }
    m_catalog->add(std::move(row));
  }

  void keep(const std::string& shown, const std::string& reason) {
    m_reporter.verbose("hasher: kept: " + shown + ": " + reason);
    ++m_counts.existing;
    ++m_progress.files_done;
  }

  void skip(const std::string& path, const std::string& reason) {
    if (reason != "filtered") {
      m_reporter.verbose("hasher: skipped: " + path + ": " + reason);
    }
    ++m_counts.run.skipped;
  }

  void fail(const std::string& shown, const std::string& catalog_path,
            const std::string& reason) {
    m_reporter.error(shown, reason);
    if (m_catalog != nullptr) {
      m_catalog->add(catalog::FailureRow{
          io::absolute_path(catalog_path, io::current_directory()), reason});
    }
    ++m_counts.run.failed;
    ++m_progress.files_done;
    ++m_progress.errors;
  }

  const CopySettings& m_settings;
  pipeline::FileCopier& m_copier;
  const digest::LanePlan& m_plan;
  DestinationDirs& m_dirs;
  pipeline::SkipCheck* m_resume;
  format::RecordWriter* m_writer;
  pipeline::CatalogWriter* m_catalog;
  ui::Reporter& m_reporter;
  const std::atomic<bool>& m_stop;
  CopyCounts& m_counts;
  ui::ProgressCounters& m_progress;
  pipeline::CopyBatch m_batch;
  pipeline::CopyPool m_pool; // after m_batch: joined before it goes
  const Target* m_target = nullptr;
  format::FileRecord m_record;
};

// --compress, --compression-level, --decompress and which digests a
// compressed copy gets. Throws UsageError for a bad value or combination.
pipeline::CopyCoding copy_coding(const config::Config& config) {
  pipeline::CopyCoding coding;
  std::optional<int> level;
  if (config.is_set("options.compression_level")) {
    level = static_cast<int>(config.integer("options.compression_level"));
  }
  std::string compress = config.text("options.compress");
  if (!compress.empty()) {
    util::Result<codec::Compression> parsed =
        codec::parse_compression(compress, level, "--compress");
    if (!parsed) {
      throw util::UsageError(parsed.error().subject + ": " +
                             parsed.error().reason);
    }
    coding.compress = *parsed;
  } else if (level) {
    throw util::UsageError("--compression-level: needs --compress");
  }
  coding.decompress = config.flag("options.decompress");
  bool compressed = config.flag("options.hash_compressed");
  bool both = config.flag("options.hash_both");
  bool content = config.flag("options.hash_uncompressed");
  if (int(compressed) + int(both) + int(content) > 1) {
    throw util::UsageError("--hash-compressed, --hash-both and "
                           "--hash-uncompressed: choose one");
  }
  if ((compressed || both) && compress.empty()) {
    throw util::UsageError(
        std::string(compressed ? "--hash-compressed" : "--hash-both") +
        ": needs --compress (the copy is what is hashed)");
  }
  coding.digests = both         ? pipeline::CopyDigests::both
                   : compressed ? pipeline::CopyDigests::written
                                : pipeline::CopyDigests::content;
  return coding;
}

} // namespace

int cmd_copy(const Invocation& invocation) {
  const config::Config& config = invocation.config;
  ui::Reporter& reporter = invocation.reporter;
  if (invocation.arguments.size() < 2) {
    throw util::UsageError("copy: give SRC... and DEST");
  }
  // Refused rather than ignored: a dry run that copied would be a surprise.
  if (config.flag("options.dry_run")) {
    throw util::UsageError("--dry-run: copy has no dry run yet");
  }
  std::vector<digest::AlgorithmSpec> specs = requested_algorithms(config);
  std::ios::sync_with_stdio(false);
  std::unique_ptr<format::RecordWriter> writer =
      record_writer(config, specs, std::cout);
  if (config.flag("options.sql_only")) writer.reset();

  pipeline::PipelineOptions options = pipeline_options(config, specs);
  walk::WalkOptions walk = walk_options(config);
  // The size decides whether a file's hashing is split over lanes.
  walk.stat_files = walk::StatFiles::always;
  CopySettings settings;
  settings.verify = config.flag("cli.verify_copy") ? pipeline::VerifyCopy::yes
                                                   : pipeline::VerifyCopy::no;
  settings.overwrite = config.flag("options.no_clobber")
                           ? io::Overwrite::refuse
                           : io::Overwrite::replace;
  settings.skip_existing = config.flag("options.skip_existing") ||
                           config.flag("options.no_hash_existing");
  settings.hash_existing = !config.flag("options.no_hash_existing");
  settings.store_source = config.flag("options.store_source_path");
  settings.split_threshold = k_split_threshold;
  settings.coding = copy_coding(config);
  settings.jobs = options.jobs;

  const std::string cwd = io::current_directory();
  std::vector<Target> targets = plan_targets(invocation.arguments, cwd);
  const std::string root = io::absolute_path(invocation.arguments.back(), cwd);

  // The catalog run over DEST: locked, resumed when an interrupted one
  // matches.
  std::unique_ptr<catalog::Catalog> catalog;
  std::optional<catalog::RunInfo> run;
  std::unique_ptr<pipeline::SkipCheck> resume;
  if (!config.flag("options.no_db") && !config.flag("options.json_only")) {
    std::vector<std::string> columns;
    for (const digest::AlgorithmSpec& spec : specs) {
      columns.push_back(spec.column());
    }
    catalog = catalog::open_catalog(config.text("database.db_string"),
                                    config.text("database.table_name"));
    run = catalog->begin_run({root, "copy", columns,
                              config.flag("options.restart")
                                  ? catalog::Restart::yes
                                  : catalog::Restart::no});
    if (run->resumed) {
      resume = pipeline::make_catalog_skip_check(
          catalog->open_reader(columns), run->id, pipeline::UpdateOnly::no);
    }
  }
  std::optional<pipeline::CatalogWriter> catalog_writer;
  if (run) {
    catalog_writer.emplace(*catalog, run->id, commit_policy(config));
  }

  auto started = std::chrono::steady_clock::now();
  pipeline::FileCopier copier(specs, settings.coding, options.stop);
  digest::LanePlan plan =
      digest::plan_lanes(specs, options.jobs, digest::k_page_cache_read_cost);
  DestinationDirs dirs;
  CopyCounts counts;
  ui::ProgressCounters progress;
  const bool show_progress = progress_wanted(config);
  CopyVisitor visitor(settings, copier, plan, dirs, resume.get(), writer.get(),
                      catalog_writer ? &*catalog_writer : nullptr, reporter,
                      *options.stop, counts, progress);
  std::atomic<bool> counted{false}; // the copy ended: stop counting
  std::jthread counter;
  if (show_progress) {
    counter = std::jthread([&] {
      CountingVisitor counting(progress, counted);
      for (const Target& target : targets) {
        if (!walk::walk_root(target.source, walk, counting)) break;
      }
      progress.walk_done = true;
    });
  }
  std::optional<ui::ProgressLine> line;
  line.emplace(reporter, progress, show_progress);
  std::string fatal_message; // set: the run cannot go on (exit 3)
  if (writer) writer->begin();
  try {
    for (const Target& target : targets) {
      visitor.set_target(target);
      if (!walk::walk_root(target.source, walk, visitor)) break;
      if (options.fail_fast == pipeline::FailFast::yes &&
          counts.run.failed > 0) {
        break;
      }
    }
    // Copies already written are whole: commit them, stopped or not.
    visitor.flush();
  } catch (const util::FatalError& error) {
    fatal_message = error.what();
  }
  dirs.finish();
  counted = true;
  line.reset(); // the line goes before the records end and the summary
  if (writer) writer->end();
  std::cout.flush();

  int signal =
      run ? close_run(*catalog, run->id, &*catalog_writer, fatal_message)
          : stop_signal();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  if (!fatal_message.empty()) {
    reporter.error(fatal_message);
    return k_exit_fatal;
  }
  ui::RunCounts shown = counts.run;
  shown.skipped += counts.already_done + counts.existing;
  reporter.info(ui::summary_line(shown, seconds));
  if (std::string tail =
          run_tail(run ? &*run : nullptr, counts.already_done,
                   counts.run.files + counts.run.failed, counts.existing,
                   "already at the destination, kept");
      !tail.empty()) {
    reporter.info(tail);
  }
  if (signal != 0) return signal_exit_code(signal);
  return counts.run.failed > 0 ? k_exit_failures : k_exit_ok;
}

} // namespace hasher::cli
