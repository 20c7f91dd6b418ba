#include <hasher/cli/dupe_candidates.hpp>

#include <hasher/walk/path_list.hpp>

#include <functional>
#include <unordered_map>

namespace hasher::cli {
namespace {

// Hands every file with its size to `visit`; ignores everything else.
class SizeVisitor final : public walk::WalkVisitor {
public:
  explicit SizeVisitor(std::function<void(std::string&, std::uint64_t)> visit)
      : m_visit(std::move(visit)) {}

  bool on_file(walk::WalkEntry entry) override {
    if (entry.kind == walk::EntryKind::file && entry.info) {
      m_visit(entry.path, entry.info->size);
    }
    return true;
  }
  void on_skip(const std::string&, const std::string&) override {}
  void on_warning(const std::string&, const std::string&) override {}
  void on_error(const util::Error&) override {}

private:
  std::function<void(std::string&, std::uint64_t)> m_visit;
};

void walk_all(const std::vector<std::string>& roots,
              const walk::WalkOptions& walk, SizeVisitor& visitor) {
  for (const std::string& root : roots) walk::walk_root(root, walk, visitor);
}

} // namespace

Candidates write_dupe_candidates(const std::vector<std::string>& roots,
                                 walk::WalkOptions walk, std::uint64_t min_size,
                                 const std::string& list_file) {
  walk.stat_files = walk::StatFiles::always;
  std::unordered_map<std::uint64_t, std::uint32_t> count;
  SizeVisitor counter([&](std::string&, std::uint64_t size) {
    if (size >= min_size) {
      std::uint32_t& n = count[size];
      if (n < 2) ++n; // "more than once" is all that matters
    }
  });
  walk_all(roots, walk, counter);

  Candidates candidates;
  std::vector<std::string> paths;
  SizeVisitor chooser([&](std::string& path, std::uint64_t size) {
    auto found = count.find(size);
    if (found == count.end() || found->second < 2) return;
    ++candidates.files;
    candidates.bytes += size;
    paths.push_back(std::move(path));
  });
  walk_all(roots, walk, chooser);
  walk::write_path_list(list_file, paths);
  return candidates;
}

} // namespace hasher::cli
