# A catalog written by the original tool (its 50-column table, two rows for
# one path, crc32 stored byte-reversed) is migrated in place when hasher opens
# it for another file: one row per path, the newest row's values, crc32 in the
# conventional order ("test data" -> d308aeb2), every other row and column
# kept. Opening it again does not reverse crc32 a second time.
. "$E2E_SUPPORT"
need sqlite3
algos="crc32 md2 md4 md5 sha1 sha224 sha256 sha384 sha512 sha3_224 sha3_256
sha3_384 sha3_512 keccak224 keccak256 keccak384 keccak512 blake2s256 blake2b512
belt_hash whirlpool tiger tiger2 streebog256 streebog512 ripemd128 ripemd160
ripemd256 ripemd320 fsb160 fsb224 fsb256 fsb384 fsb512 sm3 gost94_cryptopro
gost94_test gost94_ua gost94_s2015 groestl224 groestl256 groestl384 groestl512
shabal192 shabal224 shabal256 shabal384 shabal512"
columns=$(printf ', %s blob' $algos)
sqlite3 it.db "create table hashes (file_path text not null, file_size numeric not null$columns);
insert into hashes (file_path, file_size, crc32, md5)
  values ('/data/t.txt', 4, x'44332211', x'00112233445566778899aabbccddeeff');
insert into hashes (file_path, file_size, crc32, md5, sha1, shabal512)
  values ('/data/t.txt', 9, x'b2ae08d3', x'eb733a00c0c9d336e65691a37ab54293',
          x'f48dd853820860816c75d54d0f584dc863327a7c', x'0102');
insert into hashes (file_path, file_size, crc32, md5, sha256)
  values ('/data/abc', 3, x'c2412435', x'900150983cd24fb0d6963f7d28e17f72',
          x'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');"
expect_eq "$(sqlite3 it.db "select count(*) from pragma_table_info('hashes')")" 50 \
  "columns of the original table"
printf 'x' >other
show() {
  sqlite3 it.db "select file_path, file_size, lower(hex(crc32)), lower(hex(md5)),
    lower(hex(sha1)), lower(hex(sha256)), lower(hex(shabal512)) from hashes
    order by file_path" | sed "s|^$(pwd -P)/|./|"
}
timeout 20 "$HASHER" hash -q -a crc32,md5 --db it.db other
echo "exit $?"
show
for algo in $algos; do
  sqlite3 it.db "select count(*) from pragma_table_info('hashes') where name = '$algo'" |
    grep -qx 1 || fail "column $algo lost"
done
timeout 20 "$HASHER" hash -q -a crc32 --db it.db other
echo "exit $?"
show
