#include <hasher/format/checksum_reader.hpp>

#include <hasher/format/bsd_format.hpp>
#include <hasher/format/gnu_format.hpp>
#include <hasher/format/writer.hpp>

#include <gtest/gtest.h>

#include <random>
#include <sstream>

namespace hasher::format {
namespace {

struct ReadResult {
  std::vector<ChecksumEntry> entries;
  std::vector<std::uint64_t> malformed;
  ChecksumDialect dialect = ChecksumDialect::gnu;
};

ReadResult read_all(const std::string& text, const std::string& name = "list",
                    std::optional<digest::AlgorithmSpec> forced = {}) {
  std::istringstream in(text);
  ChecksumReader reader(in, name, forced);
  ReadResult out;
  while (std::optional<ChecksumEntry> entry = reader.next()) {
    out.entries.push_back(std::move(*entry));
  }
  out.malformed = reader.malformed_lines();
  out.dialect = reader.dialect();
  return out;
}

digest::AlgorithmSpec spec(const std::string& label) {
  return digest::parse_algorithm_list(label).front();
}

// The entry's algorithms as columns, and its digests as hex, `md5=...`.
std::vector<std::string> digests_of(const ChecksumEntry& entry) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < entry.specs.size(); ++i) {
    out.push_back(entry.specs[i].column() + "=" +
                  util::to_hex(entry.digests[i]));
  }
  return out;
}

using Strings = std::vector<std::string>;

// Records with a distinct digest per record and algorithm.
std::vector<FileRecord>
make_records(std::span<const digest::AlgorithmSpec> specs,
             const Strings& paths) {
  std::vector<FileRecord> records;
  for (std::size_t r = 0; r < paths.size(); ++r) {
    FileRecord record;
    record.path = paths[r];
    record.size = 1000 * r + 7;
    record.mtime_ns = 1'700'000'000'123'000'000;
    for (std::size_t s = 0; s < specs.size(); ++s) {
      util::Bytes bytes(specs[s].size());
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(r * 67 + s * 31 + i * 13 + 5);
      }
      record.digests.push_back(bytes);
    }
    records.push_back(record);
  }
  return records;
}

std::string write_all(const std::string& format,
                      std::span<const digest::AlgorithmSpec> specs,
                      const std::vector<FileRecord>& records) {
  std::ostringstream out;
  std::unique_ptr<RecordWriter> writer = make_writer(format, specs, out);
  writer->begin();
  for (const FileRecord& record : records) writer->write(record);
  writer->end();
  return out.str();
}

// Writes `paths` with the real writer and checks they read back exactly.
void expect_round_trip(const std::string& format, const std::string& algorithms,
                       const Strings& paths, ChecksumDialect dialect,
                       const std::string& name = "list",
                       std::optional<digest::AlgorithmSpec> forced = {}) {
  SCOPED_TRACE(format + " " + algorithms);
  std::vector<digest::AlgorithmSpec> specs =
      digest::parse_algorithm_list(algorithms);
  std::vector<FileRecord> records = make_records(specs, paths);
  std::string text = write_all(format, specs, records);
  ReadResult got = read_all(text, name, forced);
  EXPECT_EQ(got.malformed, std::vector<std::uint64_t>{}) << text;
  EXPECT_EQ(got.dialect, dialect);
  ASSERT_EQ(got.entries.size(), records.size()) << text;
  bool sized = format == "hashdeep" || format == "jsonl";
  for (std::size_t r = 0; r < records.size(); ++r) {
    const ChecksumEntry& entry = got.entries[r];
    EXPECT_EQ(entry.path, records[r].path);
    if (sized) {
      EXPECT_EQ(entry.size, records[r].size);
    } else {
      EXPECT_EQ(entry.size, std::nullopt);
    }
    if (format == "sfv") {
      ASSERT_EQ(entry.specs.size(), 1u);
      EXPECT_EQ(entry.specs[0].column(), "crc32");
      continue;
    }
    ASSERT_EQ(entry.specs.size(), specs.size()) << entry.path;
    for (std::size_t s = 0; s < specs.size(); ++s) {
      EXPECT_EQ(entry.specs[s].column(), specs[s].column());
      EXPECT_EQ(entry.digests[s], records[r].digests[s]) << specs[s].label();
    }
  }
}

// Names every format can carry: spaces, `) = `, a backslash, a leading star,
// bytes that are not UTF-8, UTF-8 of 2 to 4 bytes, a comma.
const Strings k_plain_names{"plain.txt",
                            "dir/with space",
                            "p) = q",
                            "back\\slash",
                            "*star",
                            "  leading and trailing ",
                            "x\xff\xfey",
                            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
                            "comma,name.txt",
                            "#hash",
                            "tab\tdel\x7f ctrl\x01"};

// What GNU, BSD and jsonl also carry: newlines, CR, both escapes at once.
Strings with_escapes() {
  Strings names = k_plain_names;
  names.insert(names.end(), {"new\nline", "cr\rname", "\\n\n\\\r", "end\r",
                             "quote\"d", "\\"});
  return names;
}

std::string all_algorithms() {
  std::string list = "all,shake128:8,shake256:1024,blake3:512,k12:64";
  return list;
}

TEST(ChecksumReaderRoundTrip, Gnu) {
  expect_round_trip("gnu", "sha256", with_escapes(), ChecksumDialect::gnu);
  expect_round_trip("gnu", "md5", with_escapes(), ChecksumDialect::gnu);
  // Several algorithms without a name: each line by its length, merged.
  expect_round_trip("gnu", "md5,sha1,sha256,sha512", with_escapes(),
                    ChecksumDialect::gnu);
}

TEST(ChecksumReaderRoundTrip, GnuEveryAlgorithmWhenForced) {
  for (const digest::AlgorithmSpec& one :
       digest::parse_algorithm_list(all_algorithms())) {
    expect_round_trip("gnu", one.label(), {"a", "b\nc"}, ChecksumDialect::gnu,
                      "list", one);
  }
}

TEST(ChecksumReaderRoundTrip, GnuByFileName) {
  expect_round_trip("gnu", "blake3", with_escapes(), ChecksumDialect::gnu,
                    "B3SUMS");
  expect_round_trip("gnu", "sha384", {"a"}, ChecksumDialect::gnu, "x.sha384");
  expect_round_trip("gnu", "tth", {"a"}, ChecksumDialect::gnu, "x.tth");
}

TEST(ChecksumReaderRoundTrip, BsdSeveralAlgorithms) {
  expect_round_trip("bsd", "crc32,md5,sha1,sha256", with_escapes(),
                    ChecksumDialect::bsd);
  expect_round_trip("bsd", "sha256", with_escapes(), ChecksumDialect::bsd);
}

TEST(ChecksumReaderRoundTrip, BsdEveryAlgorithm) {
  expect_round_trip("bsd", all_algorithms(), with_escapes(),
                    ChecksumDialect::bsd);
}

TEST(ChecksumReaderRoundTrip, Sfv) {
  expect_round_trip("sfv", "md5,crc32", k_plain_names, ChecksumDialect::sfv);
  expect_round_trip("sfv", "crc32", k_plain_names, ChecksumDialect::sfv,
                    "out.SFV");
}

TEST(ChecksumReaderRoundTrip, Hashdeep) {
  expect_round_trip("hashdeep", "md5,sha256", k_plain_names,
                    ChecksumDialect::hashdeep);
  expect_round_trip("hashdeep", all_algorithms(), k_plain_names,
                    ChecksumDialect::hashdeep);
}

TEST(ChecksumReaderRoundTrip, Jsonl) {
  expect_round_trip("jsonl", "crc32,sha256", with_escapes(),
                    ChecksumDialect::jsonl);
  expect_round_trip("jsonl", all_algorithms(), with_escapes(),
                    ChecksumDialect::jsonl);
}

TEST(ChecksumReaderRoundTrip, JsonlEveryByte) {
  // Every byte value after a few prefixes, so each lands on its own, after
  // valid UTF-8, and inside a truncated sequence.
  Strings names;
  for (int b = 1; b < 256; ++b) {
    char c = static_cast<char>(b);
    names.push_back(std::string("a") + c);
    names.push_back(std::string("\xc3") + c + "z");
    names.push_back(std::string("\xf0\x9f") + c);
  }
  expect_round_trip("jsonl", "md5", names, ChecksumDialect::jsonl);
}

// Samples below were produced on this machine by the named command on files
// a.txt ("abc"), "b c.txt" ("hello world\n"), x\y (empty), n<newline>l
// ("nl"), "p) = q" ("q"), r<CR>x ("r") and c,d ("c").

TEST(ChecksumReaderPeers, Sha256sum) {
  // sha256sum a.txt 'b c.txt' 'x\y' $'n\nl'
  const std::string text =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  "
      "a.txt\n"
      "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447  "
      "b c.txt\n"
      "\\e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  "
      "x\\\\y\n"
      "\\1843653496800edfd0d30326c82f53b0338ed408468cca4a2f1b52f2f6395fc9  "
      "n\\nl\n";
  for (const char* name : {"SHA256SUMS", "list"}) {
    ReadResult got = read_all(text, name);
    EXPECT_TRUE(got.malformed.empty());
    EXPECT_EQ(got.dialect, ChecksumDialect::gnu);
    ASSERT_EQ(got.entries.size(), 4u);
    EXPECT_EQ(got.entries[0].path, "a.txt");
    EXPECT_EQ(digests_of(got.entries[0]),
              Strings{"sha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9c"
                      "b410ff61f20015ad"});
    EXPECT_EQ(got.entries[1].path, "b c.txt");
    EXPECT_EQ(got.entries[2].path, "x\\y");
    EXPECT_EQ(got.entries[3].path, "n\nl");
    EXPECT_EQ(got.entries[3].line, 4u);
  }
}

TEST(ChecksumReaderPeers, Sha256sumBinaryMarker) {
  // sha256sum -b a.txt
  ReadResult got = read_all(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad "
      "*a.txt\n");
  ASSERT_EQ(got.entries.size(), 1u);
  EXPECT_EQ(got.entries[0].path, "a.txt");
}

TEST(ChecksumReaderPeers, Md5sumSha1sumSha512sum) {
  // md5sum a.txt 'b c.txt'; sha1sum a.txt; sha512sum a.txt; md5sum $'r\rx'
  const std::string text =
      "900150983cd24fb0d6963f7d28e17f72  a.txt\n"
      "6f5902ac237024bdd0c176cb93063dc4  b c.txt\n"
      "a9993e364706816aba3e25717850c26c9cd0d89d  a.txt\n"
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a"
      "274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  a.txt\n"
      "\\4b43b0aee35624cd95b910189b3dc231  r\\rx\n";
  ReadResult got = read_all(text);
  EXPECT_TRUE(got.malformed.empty());
  ASSERT_EQ(got.entries.size(), 4u);
  EXPECT_EQ(digests_of(got.entries[0]),
            Strings{"md5=900150983cd24fb0d6963f7d28e17f72"});
  EXPECT_EQ(got.entries[1].path, "b c.txt");
  // The sha1 and sha512 lines of a.txt follow each other: one entry.
  EXPECT_EQ(got.entries[2].path, "a.txt");
  EXPECT_EQ(got.entries[2].line, 3u);
  ASSERT_EQ(got.entries[2].specs.size(), 2u);
  EXPECT_EQ(got.entries[2].specs[0].column(), "sha1");
  EXPECT_EQ(got.entries[2].specs[1].column(), "sha512");
  EXPECT_EQ(got.entries[3].path, "r\rx");
}

TEST(ChecksumReaderPeers, B3sum) {
  // b3sum a.txt 'b c.txt' 'x\y' $'n\nl'
  const std::string text =
      "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85  "
      "a.txt\n"
      "dc5a4edb8240b018124052c330270696f96771a63b45250a5c17d3000e823355  "
      "b c.txt\n"
      "\\af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262  "
      "x\\\\y\n"
      "\\53ab8b5d668a01133327ab7d0fb5a911374c2950a4544a73ccb68638035410a4  "
      "n\\nl\n";
  for (const char* name : {"B3SUMS", "dir/files.b3", "x.blake3"}) {
    ReadResult got = read_all(text, name);
    ASSERT_EQ(got.entries.size(), 4u) << name;
    EXPECT_EQ(digests_of(got.entries[0]),
              Strings{"blake3=6437b3ac38465133ffb63b75273a8db548c558465d79db03"
                      "fd359c6cd5bd9d85"});
    EXPECT_EQ(got.entries[2].path, "x\\y");
    EXPECT_EQ(got.entries[3].path, "n\nl");
  }
  // Without a telling name, 64 hex digits are sha256 (SPEC).
  ReadResult unnamed = read_all(text);
  ASSERT_EQ(unnamed.entries.size(), 4u);
  EXPECT_EQ(unnamed.entries[0].specs[0].column(), "sha256");
}

TEST(ChecksumReaderPeers, Sha256sumTag) {
  // sha256sum --tag a.txt 'x\y' $'n\nl' 'p) = q'; sha256sum --tag on a name
  // holding the byte 0xff.
  const std::string text =
      "SHA256 (a.txt) = "
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
      "\\SHA256 (x\\\\y) = "
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "\\SHA256 (n\\nl) = "
      "1843653496800edfd0d30326c82f53b0338ed408468cca4a2f1b52f2f6395fc9\n"
      "SHA256 (p) = q) = "
      "8e35c2cd3bf6641bdb0e2050b76932cbb2e6034a0ddacc1d9bea82a6ba57f7cf\n"
      "SHA256 (x\xffy) = "
      "ef6a25aa2dec2ef116960c4c20dce319bbae45269f8e79162831368c4a15b2c9\n";
  ReadResult got = read_all(text);
  EXPECT_TRUE(got.malformed.empty());
  EXPECT_EQ(got.dialect, ChecksumDialect::bsd);
  ASSERT_EQ(got.entries.size(), 5u);
  EXPECT_EQ(got.entries[0].path, "a.txt");
  EXPECT_EQ(got.entries[1].path, "x\\y");
  EXPECT_EQ(got.entries[2].path, "n\nl");
  EXPECT_EQ(got.entries[3].path, "p) = q");
  EXPECT_EQ(got.entries[4].path, "x\xffy");
  EXPECT_EQ(digests_of(got.entries[3]),
            Strings{"sha256=8e35c2cd3bf6641bdb0e2050b76932cbb2e6034a0ddacc1d9b"
                    "ea82a6ba57f7cf"});
}

TEST(ChecksumReaderPeers, RhashBsdPadded) {
  // rhash --bsd --sha256 --md5 a.txt 'b c.txt'; rhash --bsd --md5 'p) = q'
  const std::string text =
      "MD5   (a.txt) = 900150983cd24fb0d6963f7d28e17f72\n"
      "SHA256 (a.txt) = "
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
      "MD5   (b c.txt) = 6f5902ac237024bdd0c176cb93063dc4\n"
      "SHA256 (b c.txt) = "
      "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447\n"
      "MD5   (p) = q) = 7694f4a66316e53c8cdd9d9954bd611d\n";
  ReadResult got = read_all(text);
  EXPECT_TRUE(got.malformed.empty());
  ASSERT_EQ(got.entries.size(), 3u);
  EXPECT_EQ(got.entries[0].path, "a.txt");
  EXPECT_EQ(digests_of(got.entries[0]),
            (Strings{"md5=900150983cd24fb0d6963f7d28e17f72",
                     "sha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb4"
                     "10ff61f20015ad"}));
  EXPECT_EQ(got.entries[1].path, "b c.txt");
  EXPECT_EQ(got.entries[1].line, 3u);
  EXPECT_EQ(got.entries[2].path, "p) = q");
}

TEST(ChecksumReaderPeers, RhashBsdOtherTags) {
  // rhash --bsd --crc32 --tth --sha3-256 --blake2b --gost12-256 --ripemd160
  // --whirlpool a.txt (TTH is base32, tags padded to 5 characters)
  const std::string text =
      "CRC32 (a.txt) = 352441c2\n"
      "TTH   (a.txt) = asd4ujseh5m47pdyb46kbtsqtsgdklbhyxomuia\n"
      "WHIRLPOOL (a.txt) = "
      "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c7181eebd"
      "b6c57e277d0e34957114cbd6c797fc9d95d8b582d225292076d4eef5\n"
      "RMD160 (a.txt) = 8eb208f7e05d987a9b044a8e98c6b087f15a0bfc\n"
      "GOST12-256 (a.txt) = "
      "4e2919cf137ed41ec4fb6270c61826cc4fffb660341e0af3688cd0626d23b481\n"
      "SHA3-256 (a.txt) = "
      "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532\n"
      "BLAKE2b (a.txt) = "
      "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c539"
      "2aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923\n"
      // rhash --bsd --all a.txt (the lines of algorithms we lack: AICH, BTIH)
      "BTIH  (a.txt) = 351c57d9dcabc5c94d4597b137e1b94bea21504c\n"
      "AICH  (a.txt) = vgmt4nsha2awvor6evyxqugcnsonbwe5\n"
      "GOST94-CRYPTOPRO (a.txt) = "
      "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c\n"
      "HAS-160 (a.txt) = 975e810488cf2a3d49838478124afce4b1c78804\n"
      "EDON-R256 (a.txt) = "
      "0360f65d97c2152ea6ebe3d462bf49831e2d5f67b6140992320585d89fd271ce\n"
      "SNEFRU-128 (a.txt) = 553d0648928299a0f22a275a02c83b10\n"
      "CRC32C (a.txt) = 364b3fb7\n";
  ReadResult got = read_all(text);
  EXPECT_EQ(got.malformed, (std::vector<std::uint64_t>{8, 9}));
  ASSERT_EQ(got.entries.size(), 2u);
  std::vector<std::string> columns;
  for (const auto& entry : got.entries) {
    EXPECT_EQ(entry.path, "a.txt");
    for (const auto& s : entry.specs) columns.push_back(s.column());
  }
  EXPECT_EQ(columns,
            (Strings{"crc32", "tth", "whirlpool", "ripemd160", "streebog256",
                     "sha3_256", "blake2b512", "gost94_cryptopro", "has160",
                     "edonr256", "snefru128", "crc32c"}));
  EXPECT_EQ(util::to_base32(got.entries[0].digests[1]),
            "asd4ujseh5m47pdyb46kbtsqtsgdklbhyxomuia");
}

TEST(ChecksumReaderPeers, CksumAndOpenssl) {
  // cksum -a sha256 a.txt 'x\y'; cksum -a blake2b a.txt;
  // cksum -a blake2b -l 512 a.txt; cksum -a blake2b -l 256 a.txt;
  // cksum -a sm3 a.txt; openssl dgst -sha256 a.txt; openssl dgst -md5 a.txt;
  // openssl dgst -sha512-256 a.txt; openssl dgst -blake2b512 a.txt
  const std::string text =
      "SHA256 (a.txt) = "
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
      "\\SHA256 (x\\\\y) = "
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "BLAKE2b (a.txt) = "
      "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c539"
      "2aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923\n"
      "BLAKE2b-512 (b) = "
      "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c539"
      "2aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923\n"
      "BLAKE2b-256 (a.txt) = "
      "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319\n"
      "SM3 (a.txt) = "
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0\n"
      "SHA2-256(c)= "
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
      "MD5(c)= 900150983cd24fb0d6963f7d28e17f72\n"
      "SHA2-512/256(c)= "
      "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23\n"
      "BLAKE2B-512(d)= "
      "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c539"
      "2aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923\n";
  ReadResult got = read_all(text, "whatever.sha256");
  // cksum's BLAKE2b-256 is a length we do not have.
  EXPECT_EQ(got.malformed, std::vector<std::uint64_t>{5});
  std::vector<std::string> seen;
  for (const auto& entry : got.entries) {
    for (const auto& s : entry.specs)
      seen.push_back(entry.path + ":" + s.column());
  }
  EXPECT_EQ(seen, (Strings{"a.txt:sha256", "x\\y:sha256", "a.txt:blake2b512",
                           "b:blake2b512", "a.txt:sm3", "c:sha256", "c:md5",
                           "c:sha512_256", "d:blake2b512"}));
}

TEST(ChecksumReaderPeers, RhashSfv) {
  // rhash --sfv a.txt 'b c.txt' (upper-case hex, `;` comments)
  const std::string text =
      "; Generated by RHash v1.4.3 on 2026-12-01 at 06:13.23\n"
      "; Written by Kravchenko Aleksey (Akademgorodok) - http://rhash.sf.net/\n"
      ";\n"
      ";            3  06:13.23 2026-12-01 a.txt\n"
      ";           12  06:13.23 2026-12-01 b c.txt\n"
      "a.txt 352441C2\n"
      "b c.txt AF083B2D\n";
  for (const char* name : {"x.sfv", "list"}) {
    ReadResult got = read_all(text, name);
    EXPECT_TRUE(got.malformed.empty());
    EXPECT_EQ(got.dialect, ChecksumDialect::sfv);
    ASSERT_EQ(got.entries.size(), 2u);
    EXPECT_EQ(got.entries[0].path, "a.txt");
    EXPECT_EQ(got.entries[0].line, 6u);
    EXPECT_EQ(digests_of(got.entries[0]), Strings{"crc32=352441c2"});
    EXPECT_EQ(got.entries[1].path, "b c.txt");
    EXPECT_EQ(digests_of(got.entries[1]), Strings{"crc32=af083b2d"});
  }
  // Without comments, the SFV shape of the first line tells.
  ReadResult bare = read_all("a.txt 352441C2\nb c.txt AF083B2D\n");
  EXPECT_EQ(bare.dialect, ChecksumDialect::sfv);
  EXPECT_EQ(bare.entries.size(), 2u);
}

TEST(ChecksumReaderPeers, Hashdeep) {
  // hashdeep -c md5,sha256 a.txt 'b c.txt'; hashdeep -c md5 -l 'c,d'
  const std::string text =
      "%%%% HASHDEEP-1.0\n"
      "%%%% size,md5,sha256,filename\n"
      "## Invoked from: /tmp/reader-samples\n"
      "## # hashdeep -c md5,sha256 a.txt b c.txt\n"
      "## \n"
      "3,900150983cd24fb0d6963f7d28e17f72,"
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad,"
      "/tmp/reader-samples/a.txt\n"
      "12,6f5902ac237024bdd0c176cb93063dc4,"
      "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447,"
      "/tmp/reader-samples/b c.txt\n"
      "%%%% HASHDEEP-1.0\n"
      "%%%% size,md5,filename\n"
      "## \n"
      "1,4a8a08f09d37b73795649038408b5f33,c,d\n";
  ReadResult got = read_all(text);
  EXPECT_TRUE(got.malformed.empty());
  EXPECT_EQ(got.dialect, ChecksumDialect::hashdeep);
  ASSERT_EQ(got.entries.size(), 3u);
  EXPECT_EQ(got.entries[0].path, "/tmp/reader-samples/a.txt");
  EXPECT_EQ(got.entries[0].size, 3u);
  EXPECT_EQ(got.entries[0].line, 6u);
  EXPECT_EQ(digests_of(got.entries[1]),
            (Strings{"md5=6f5902ac237024bdd0c176cb93063dc4",
                     "sha256=a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb"
                     "85d299a192a447"}));
  EXPECT_EQ(got.entries[1].size, 12u);
  EXPECT_EQ(got.entries[2].path, "c,d");
  EXPECT_EQ(got.entries[2].specs.size(), 1u);
}

TEST(ChecksumReaderPeers, HashdeepAllColumns) {
  // hashdeep -c md5,sha1,sha256,tiger,whirlpool a.txt
  const std::string text =
      "%%%% HASHDEEP-1.0\n"
      "%%%% size,md5,sha1,sha256,tiger,whirlpool,filename\n"
      "## Invoked from: /tmp/reader-samples\n"
      "## # hashdeep -c md5,sha1,sha256,tiger,whirlpool a.txt\n"
      "## \n"
      "3,900150983cd24fb0d6963f7d28e17f72,"
      "a9993e364706816aba3e25717850c26c9cd0d89d,"
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad,"
      "2aab1484e8c158f2bfb8c5ff41b57a525129131c957b5f93,"
      "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c7181eebd"
      "b6c57e277d0e34957114cbd6c797fc9d95d8b582d225292076d4eef5,"
      "/tmp/reader-samples/a.txt\n";
  ReadResult got = read_all(text);
  ASSERT_EQ(got.entries.size(), 1u);
  std::vector<std::string> columns;
  for (const auto& s : got.entries[0].specs) columns.push_back(s.column());
  EXPECT_EQ(columns, (Strings{"md5", "sha1", "sha256", "tiger", "whirlpool"}));
  EXPECT_EQ(util::to_hex(got.entries[0].digests[3]),
            "2aab1484e8c158f2bfb8c5ff41b57a525129131c957b5f93");
}

TEST(ChecksumReaderMalformed, GnuAndBsdLines) {
  const std::string good =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const std::string text =
      good + "  ok1\n" +                        // 1
      good.substr(0, 60) + "  truncated\n" +    // 2
      good.substr(0, 62) + "a  odd\n" +         // 3 (63 digits)
      good.substr(0, 63) + "g  non-hex\n" +     // 4
      "\n" +                                    // 5 blank
      "   \t\n" +                               // 6 blank
      "# a comment\n" +                         // 7
      "FOO (a) = 00112233\n" +                  // 8 unknown tag
      good + "  \n" +                           // 9 empty path
      "SHA256 () = " + good + "\n" +            // 10 empty path
      "BLAKE2b-256 (a) = " + good + "\n" +      // 11 length
      "\\" + good + "  bad\\escape\n" +         // 12 bad escape
      "hello\n" +                               // 13
      good + " ok? one space\n" +               // 14
      "SHA256 (a) = " + good.substr(1) + "\n" + // 15 short digest
      "SHA256 (a) " + good + "\n" +             // 16 no `=`
      "SHA256 a) = " + good + "\n" +            // 17 no `(`
      "MD5 (a) = " + good + "\n" +              // 18 wrong length
      "0123456789abcdef0123456789abcdef01234567890abcdef0123456  sha224\n" +
      "900150983cd24fb0d6963f7d28e17f72  ok2\n"; // 20
  ReadResult got = read_all(text);
  EXPECT_EQ(got.malformed,
            (std::vector<std::uint64_t>{2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15,
                                        16, 17, 18, 19}));
  ASSERT_EQ(got.entries.size(), 2u);
  EXPECT_EQ(got.entries[0].path, "ok1");
  EXPECT_EQ(got.entries[0].line, 1u);
  EXPECT_EQ(got.entries[1].path, "ok2");
  EXPECT_EQ(got.entries[1].line, 20u);
}

TEST(ChecksumReaderMalformed, ForcedAlgorithmWithWrongLength) {
  const std::string text =
      "900150983cd24fb0d6963f7d28e17f72  md5-line\n"
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  "
      "sha256-line\n";
  ReadResult got = read_all(text, "x.md5", spec("sha256"));
  EXPECT_EQ(got.malformed, std::vector<std::uint64_t>{1});
  ASSERT_EQ(got.entries.size(), 1u);
  EXPECT_EQ(got.entries[0].path, "sha256-line");
  // By name alone the md5 line is the good one.
  ReadResult named = read_all(text, "x.md5");
  EXPECT_EQ(named.malformed, std::vector<std::uint64_t>{2});
}

TEST(ChecksumReaderMalformed, Sfv) {
  const std::string text = "; comment\n"
                           "a.txt 352441C2\n"
                           "nospace\n"
                           " 352441C2\n"
                           "short 352441C\n"
                           "bad 352441CG\n"
                           "b.txt 352441c2   \n";
  ReadResult got = read_all(text, "x.sfv");
  EXPECT_EQ(got.malformed, (std::vector<std::uint64_t>{3, 4, 5, 6}));
  ASSERT_EQ(got.entries.size(), 2u);
  EXPECT_EQ(got.entries[1].path, "b.txt");
}

TEST(ChecksumReaderMalformed, Hashdeep) {
  const std::string md5 = "900150983cd24fb0d6963f7d28e17f72";
  const std::string sha =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const std::string text = "%%%% HASHDEEP-1.0\n" +                // 1
                           ("3," + md5 + ",x\n") +                // 2
                           "%%%% size,md5,sha256,filename\n" +    // 3
                           ("3," + md5 + "\n") +                  // 4
                           ("3," + md5 + "," + sha + "\n") +      // 5
                           ("3," + md5 + "," + sha + ",\n") +     // 6
                           ("x," + md5 + "," + sha + ",f\n") +    // 7
                           ("-3," + md5 + "," + sha + ",f\n") +   // 8
                           (",3" + md5 + "," + sha + ",f\n") +    // 9
                           ("3," + sha + "," + md5 + ",f\n") +    // 10
                           ("3," + md5 + "," + sha + ",good\n") + // 11
                           "%%%% size,md5,nosuch,filename\n" +    // 12
                           ("3," + md5 + "," + sha + ",f\n") +    // 13
                           "%%%% size,md5,md5,filename\n" +       // 14
                           "%%%% size,filename\n" +               // 15
                           "%%%% md5,size,filename\n" +           // 16
                           "%%%% size,md5\n" +                    // 17
                           "%%%% size,md5,filename\n" +           // 18
                           ("3," + md5 + ",good,too\n");          // 19
  ReadResult got = read_all(text);
  EXPECT_EQ(got.malformed,
            (std::vector<std::uint64_t>{2, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15,
                                        16, 17}));
  ASSERT_EQ(got.entries.size(), 2u);
  EXPECT_EQ(got.entries[0].path, "good");
  EXPECT_EQ(got.entries[1].path, "good,too");
  EXPECT_EQ(got.entries[1].line, 19u);
}

TEST(ChecksumReaderMalformed, Jsonl) {
  const std::string md5 = "\"md5\":\"900150983cd24fb0d6963f7d28e17f72\"";
  const Strings lines{
      "{\"file_path\":\"ok\",\"file_size\":3," + md5 + "}",    // 1
      "{\"file_path\":\"a\"," + md5,                           // 2 unclosed
      "{\"file_path\":\"a\",\"md5\":\"zz\"}",                  // 3 bad hex
      "{\"file_path\":\"a\"}",                                 // 4 no digest
      "{\"file_path\":\"a\",\"x\":{}," + md5 + "}",            // 5 nested
      "[1]",                                                   // 6
      "{\"file_path\":\"a\"," + md5 + "} x",                   // 7 trailing
      "{\"file_path\":\"\\ud800\"," + md5 + "}",               // 8 lone high
      "{\"file_path\":\"\\udc41\"," + md5 + "}",               // 9 not a byte
      "{\"file_path\":\"a\tb\"," + md5 + "}",                  // 10 raw tab
      "{\"file_path\":\"a\",\"file_path\":\"b\"," + md5 + "}", // 11 twice
      "{\"file_path\":\"a\"," + md5 + "," + md5 + "}",         // 12 twice
      "{\"file_path\":\"a\",\"file_size\":-1," + md5 + "}",    // 13
      "{\"file_path\":\"a\",\"file_size\":1.5," + md5 + "}",   // 14
      "{\"file_path\":\"a\",\"file_size\":\"3\"," + md5 + "}", // 15
      "{\"file_path\":\"a\",\"md5\":5}",                       // 16
      "{\"file_path\":\"\"," + md5 + "}",                      // 17 empty
      "{\"file_path\":\"a\\x\"," + md5 + "}",                  // 18 bad escape
      "{\"file_path\":\"a\\u12\"," + md5 + "}",                // 19 short \u
      "{\"file_path\":\"a\\u0000b\"," + md5 + "}",             // 20 NUL
      "{\"file_path\":\"a\"," + md5 + ",}",                    // 21 comma
      "{\"file_path\":a," + md5 + "}",                         // 22
      "{\"file_path\":\"a\",\"file_size\":01," + md5 + "}",    // 23
      "",                                                      // 24 blank
      "  { \"file_path\" : \"ok\\u00e9\\ud83d\\ude00\\/\" , \"n\" : null ,"
      " \"t\" : true , \"e\" : -1.5e+3 , " +
          md5 + " }  ", // 25
  };
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  ReadResult got = read_all(text);
  EXPECT_EQ(got.dialect, ChecksumDialect::jsonl);
  EXPECT_EQ(got.malformed, (std::vector<std::uint64_t>{
                               2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
                               13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}));
  ASSERT_EQ(got.entries.size(), 2u);
  EXPECT_EQ(got.entries[0].size, 3u);
  EXPECT_EQ(got.entries[1].path, "ok\xc3\xa9\xf0\x9f\x98\x80/");
  EXPECT_EQ(got.entries[1].size, std::nullopt);
  EXPECT_EQ(got.entries[1].line, 25u);
}

TEST(ChecksumReaderMalformed, LongLinesAndChunkEdges) {
  const std::string md5 = "900150983cd24fb0d6963f7d28e17f72";
  std::string text = md5 + "  " + std::string(k_max_line_bytes, 'x') + "\n";
  Strings paths;
  // Whole lines of 64 KiB - 2 to 64 KiB + 2 bytes with their newline: the
  // edges of the reader's pieces.
  for (std::size_t line = 65534; line <= 65538; ++line) {
    // The line is the digest, two blanks, the path and a newline.
    paths.push_back(std::string(line - md5.size() - 3 - 5, 'p') +
                    std::to_string(line));
  }
  for (const std::string& path : paths) text += md5 + "  " + path + "\n";
  text += md5 + "  last-without-newline";
  ReadResult got = read_all(text);
  EXPECT_EQ(got.malformed, std::vector<std::uint64_t>{1});
  ASSERT_EQ(got.entries.size(), paths.size() + 1);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(got.entries[i].path, paths[i]);
    EXPECT_EQ(got.entries[i].line, i + 2);
  }
  EXPECT_EQ(got.entries.back().path, "last-without-newline");
}

TEST(ChecksumReaderMalformed, BinaryGarbageNeverCrashes) {
  std::mt19937 random(12345);
  for (int round = 0; round < 50; ++round) {
    std::string text(static_cast<std::size_t>(random() % 4000), '\0');
    for (char& c : text) c = static_cast<char>(random() % 256);
    for (const char* name : {"list", "x.sfv"}) {
      ReadResult got = read_all(text, name);
      for (const ChecksumEntry& entry : got.entries) {
        EXPECT_EQ(entry.path.find('\0'), std::string::npos);
      }
    }
  }
  // Valid files of every dialect with bytes changed: whatever comes back is
  // a well-formed entry.
  std::vector<digest::AlgorithmSpec> specs =
      digest::parse_algorithm_list("crc32,md5,tth,shake256:1024");
  std::vector<FileRecord> records =
      make_records(specs, {"a", "b\nc", "d) = e", "f,g"});
  for (const char* format : {"gnu", "bsd", "sfv", "hashdeep", "jsonl"}) {
    std::string valid = write_all(format, specs, records);
    for (int round = 0; round < 200; ++round) {
      std::string text = valid;
      for (int flips = 0; flips < 3; ++flips) {
        text[random() % text.size()] = static_cast<char>(random() % 256);
      }
      for (const ChecksumEntry& entry : read_all(text).entries) {
        EXPECT_FALSE(entry.path.empty());
        ASSERT_EQ(entry.specs.size(), entry.digests.size());
        for (std::size_t i = 0; i < entry.specs.size(); ++i) {
          EXPECT_EQ(entry.digests[i].size(), entry.specs[i].size());
        }
      }
    }
  }
  // A NUL inside a name is never a name.
  std::string nul = "900150983cd24fb0d6963f7d28e17f72  a";
  nul += '\0';
  nul += "b\n";
  EXPECT_EQ(read_all(nul).malformed, std::vector<std::uint64_t>{1});
}

TEST(ChecksumReader, CrLfAndByteOrderMark) {
  ReadResult got =
      read_all("\xef\xbb\xbfMD5 (a) = 900150983cd24fb0d6963f7d28e17f72\r\n"
               "900150983cd24fb0d6963f7d28e17f72  b\r\n");
  EXPECT_TRUE(got.malformed.empty());
  ASSERT_EQ(got.entries.size(), 2u);
  EXPECT_EQ(got.entries[0].path, "a");
  EXPECT_EQ(got.entries[1].path, "b");
}

TEST(ChecksumReader, MixedGnuAndBsdLines) {
  const std::string text =
      "# made by hand\n"
      "900150983cd24fb0d6963f7d28e17f72  a\n"
      "SHA1 (a) = a9993e364706816aba3e25717850c26c9cd0d89d\n"
      "SHA1 (b) = a9993e364706816aba3e25717850c26c9cd0d89d\n"
      "900150983cd24fb0d6963f7d28e17f72  b\n"
      "900150983cd24fb0d6963f7d28e17f72  b\n";
  ReadResult got = read_all(text);
  EXPECT_EQ(got.dialect, ChecksumDialect::gnu);
  ASSERT_EQ(got.entries.size(), 3u);
  EXPECT_EQ(got.entries[0].specs.size(), 2u);
  EXPECT_EQ(got.entries[1].specs.size(), 2u);
  // The same algorithm twice is not merged.
  EXPECT_EQ(got.entries[2].path, "b");
  EXPECT_EQ(got.entries[2].line, 6u);
}

TEST(ChecksumReader, EmptyInput) {
  ReadResult got = read_all("");
  EXPECT_TRUE(got.entries.empty());
  EXPECT_TRUE(got.malformed.empty());
  EXPECT_EQ(got.dialect, ChecksumDialect::gnu);
  EXPECT_TRUE(read_all("\n\n# only comments\n").entries.empty());
}

TEST(ChecksumReaderAlgorithm, ByFileName) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"x.md5", "md5"},
      {"MD5SUMS", "md5"},
      {"dir/SHA1SUMS", "sha1"},
      {"a.SHA1", "sha1"},
      {"SHA224SUMS", "sha224"},
      {"x.sha224", "sha224"},
      {"x.sha256", "sha256"},
      {"SHA256SUMS", "sha256"},
      {"SHA256SUMS.txt", "sha256"},
      {"foo.sha256sum", "sha256"},
      {"checksums.sha256.txt", "sha256"},
      {"sha256sums.txt", "sha256"},
      {"x.sha384", "sha384"},
      {"x.sha512", "sha512"},
      {"SHA512SUMS", "sha512"},
      {"B3SUMS", "blake3"},
      {"x.b3", "blake3"},
      {"x.blake3", "blake3"},
      {"x.crc32", "crc32"},
      {"x.sfv", "crc32"},
      {"B2SUMS", "blake2b512"},
      {"x.sha3_256", "sha3_256"},
      {"x.xxh128", "xxh128"},
  };
  for (const auto& [name, column] : cases) {
    std::optional<digest::AlgorithmSpec> got = algorithm_from_file_name(name);
    ASSERT_TRUE(got.has_value()) << name;
    EXPECT_EQ(got->column(), column) << name;
  }
  for (const char* name : {"checksums", "checksums.txt", "list", "x.sum",
                           "x.tar", "md5.dir/list", "sums", ""}) {
    EXPECT_EQ(algorithm_from_file_name(name), std::nullopt) << name;
  }
}

TEST(ChecksumReaderAlgorithm, ByNameThroughTheReader) {
  // 32 hex digits: md4 by name although the length alone says md5.
  ReadResult got =
      read_all("a448017aaf21d8525fc10ae87aa6729d  a.txt\n", "files.md4");
  ASSERT_EQ(got.entries.size(), 1u);
  EXPECT_EQ(got.entries[0].specs[0].column(), "md4");
  // A crc32 GNU line needs the name (no length rule for 8 digits).
  EXPECT_EQ(read_all("352441c2  a.txt\n").malformed,
            std::vector<std::uint64_t>{1});
  EXPECT_EQ(read_all("352441c2  a.txt\n", "x.crc32").entries.size(), 1u);
}

TEST(ChecksumReaderAlgorithm, ByLength) {
  const std::vector<std::pair<std::size_t, std::string>> cases{
      {32, "md5"}, {40, "sha1"}, {64, "sha256"}, {128, "sha512"}};
  for (const auto& [length, column] : cases) {
    ReadResult got = read_all(std::string(length, 'a') + "  f\n");
    ASSERT_EQ(got.entries.size(), 1u) << length;
    EXPECT_EQ(got.entries[0].specs[0].column(), column);
  }
  for (std::size_t length : {8, 56, 96, 30, 130}) {
    EXPECT_EQ(read_all(std::string(length, 'a') + "  f\n").malformed,
              std::vector<std::uint64_t>{1})
        << length;
  }
}

TEST(ChecksumReaderAlgorithm, ForcedWinsOverNameAndLength) {
  const std::string line = std::string(64, 'a') + "  f\n";
  for (const char* name : {"list", "SHA256SUMS", "x.md5"}) {
    ReadResult got = read_all(line, name, spec("blake3"));
    ASSERT_EQ(got.entries.size(), 1u) << name;
    EXPECT_EQ(got.entries[0].specs[0].column(), "blake3");
  }
  ReadResult xof =
      read_all(std::string(4, 'a') + "  f\n", "x.sha256", spec("shake256:16"));
  ASSERT_EQ(xof.entries.size(), 1u);
  EXPECT_EQ(xof.entries[0].specs[0].column(), "shake256_16");
  // -a crc32c reads an SFV file of CRC-32C values.
  ReadResult sfv = read_all("a.txt 364b3fb7\n", "x.sfv", spec("crc32c"));
  ASSERT_EQ(sfv.entries.size(), 1u);
  EXPECT_EQ(sfv.entries[0].specs[0].column(), "crc32c");
  // BSD lines keep their own algorithm.
  ReadResult bsd = read_all("MD5 (a) = 900150983cd24fb0d6963f7d28e17f72\n",
                            "x.sha256", spec("sha256"));
  ASSERT_EQ(bsd.entries.size(), 1u);
  EXPECT_EQ(bsd.entries[0].specs[0].column(), "md5");
}

TEST(ChecksumReaderAlgorithm, BsdTagSpellings) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"SHA256", "sha256"},
      {"sha256", "sha256"},
      {"SHA3-256", "sha3_256"},
      {"sha3_256", "sha3_256"},
      {"BLAKE2b", "blake2b512"},
      {"blake2b512", "blake2b512"},
      {"BLAKE2b-512", "blake2b512"},
      {"BLAKE2s", "blake2s256"},
      {"RMD160", "ripemd160"},
      {"RIPEMD-160", "ripemd160"},
      {"SHA-256", "sha256"},
      {"SHA2-512/224", "sha512_224"},
      {"GOST12-512", "streebog512"},
      {"GOST94", "gost94_test"},
      {"SHAKE256-1024", "shake256_1024"},
      {"shake256_1024", "shake256_1024"},
      {"SHAKE256-512", "shake256"},
      {"BLAKE3-512", "blake3_512"},
      {"K12", "k12"},
      {"XXH128", "xxh128"},
  };
  for (const auto& [tag, column] : cases) {
    std::optional<digest::AlgorithmSpec> got = find_bsd_tag(tag);
    ASSERT_TRUE(got.has_value()) << tag;
    EXPECT_EQ(got->column(), column) << tag;
  }
  for (const char* tag :
       {"BLAKE2b-256", "BLAKE2b-384", "SHA256-128", "SHAKE256-7", "SHAKE256-0",
        "SHAKE256-", "SHAKE-256", "AICH", "BTIH", "", "MD5-128"}) {
    EXPECT_EQ(find_bsd_tag(tag), std::nullopt) << tag;
  }
  // Every tag and name of the registry names its own algorithm.
  for (const digest::Algorithm& algorithm : digest::all_algorithms()) {
    for (std::string_view text : {algorithm.bsd_tag, algorithm.name}) {
      std::optional<digest::AlgorithmSpec> got = find_bsd_tag(text);
      ASSERT_TRUE(got.has_value()) << text;
      EXPECT_EQ(got->algorithm, &algorithm) << text;
    }
  }
}

} // namespace
} // namespace hasher::format
