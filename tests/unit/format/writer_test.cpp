#include <hasher/format/writer.hpp>

#include <hasher/util/errors.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace hasher::format {
namespace {

FileRecord sample(const std::vector<digest::AlgorithmSpec>& specs,
                  const std::string& path) {
  FileRecord record;
  record.path = path;
  record.size = 3;
  record.mtime_ns = 0;
  for (const auto& spec : specs) {
    util::Bytes bytes(spec.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      bytes[i] = static_cast<std::uint8_t>(i);
    }
    record.digests.push_back(bytes);
  }
  return record;
}

std::string render(const std::string& format, const std::string& algorithms,
                   const std::string& path, Pretty pretty = Pretty::no) {
  auto specs = digest::parse_algorithm_list(algorithms);
  std::ostringstream out;
  auto writer = make_writer(format, specs, out, pretty);
  writer->begin();
  writer->write(sample(specs, path));
  writer->end();
  return out.str();
}

TEST(Writers, Gnu) {
  EXPECT_EQ(render("gnu", "crc32", "a b"), "00010203  a b\n");
  EXPECT_EQ(render("gnu", "crc32", "a\nb"), "\\00010203  a\\nb\n");
}

TEST(Writers, Bsd) {
  EXPECT_EQ(render("bsd", "crc32,md4", "f"),
            "CRC32 (f) = 00010203\n"
            "MD4 (f) = 000102030405060708090a0b0c0d0e0f\n");
  EXPECT_EQ(render("bsd", "sha256", "x").substr(0, 10), "SHA256 (x)");
  EXPECT_EQ(render("bsd", "blake2b512", "x").substr(0, 11), "BLAKE2b (x)");
  EXPECT_EQ(render("bsd", "shake256:16", "x"), "SHAKE256-16 (x) = 0001\n");
}

TEST(Writers, Sfv) {
  EXPECT_EQ(render("sfv", "md5,crc32", "f.bin"), "f.bin 00010203\n");
  EXPECT_THROW(render("sfv", "md5", "f"), util::UsageError);
}

TEST(Writers, Jsonl) {
  EXPECT_EQ(render("jsonl", "crc32", "f"),
            "{\"file_path\":\"f\",\"file_size\":3,\"mtime\":"
            "\"1970-01-01T00:00:00Z\",\"crc32\":\"00010203\"}\n");
}

TEST(Writers, JsonArray) {
  EXPECT_EQ(render("json", "crc32", "f"),
            "[{\"file_path\":\"f\",\"file_size\":3,\"mtime\":"
            "\"1970-01-01T00:00:00Z\",\"crc32\":\"00010203\"}]\n");
  std::string pretty = render("json", "crc32", "f", Pretty::yes);
  EXPECT_NE(pretty.find("\n    \"file_path\": \"f\""), std::string::npos);
}

TEST(Writers, Csv) {
  EXPECT_EQ(render("csv", "crc32", "a,b"),
            "file_path,file_size,crc32\r\n\"a,b\",3,00010203\r\n");
}

TEST(Writers, HashdeepHeader) {
  std::string out = render("hashdeep", "md5", "f");
  EXPECT_EQ(out.rfind("%%%% HASHDEEP-1.0\n%%%% size,md5,filename\n", 0), 0u);
  EXPECT_NE(out.find("\n3,000102030405060708090a0b0c0d0e0f,f\n"),
            std::string::npos);
}

TEST(Writers, UnknownFormatIsAUsageError) {
  EXPECT_THROW(render("xml", "md5", "f"), util::UsageError);
}

} // namespace
} // namespace hasher::format
