// What --db names (SQLite file or PostgreSQL address), and the hiding of passwords in
// addresses and in messages about them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include <libpq-fe.h>

#include "kansa/db_address.hpp"

using kansa::store::is_malformed_postgresql_uri;
using kansa::store::is_postgresql_address;
using kansa::store::redact_address;
using kansa::store::scrub_secrets;

TEST(DbAddress, PostgresqlAddressesAreToldFromFilePaths) {
  EXPECT_TRUE(is_postgresql_address("postgresql://u:p@h/db"));
  EXPECT_TRUE(is_postgresql_address("postgres://h"));
  EXPECT_TRUE(is_postgresql_address("host=db1 dbname=kansa"));
  EXPECT_TRUE(is_postgresql_address("  dbname = kansa"));
  EXPECT_TRUE(is_postgresql_address("service=kansa"));
  EXPECT_FALSE(is_postgresql_address("kansa.db"));
  EXPECT_FALSE(is_postgresql_address("/data/postgres.db"));
  EXPECT_FALSE(is_postgresql_address("nosuchkeyword=1"));  // a (strange) file name
  EXPECT_FALSE(is_postgresql_address("postgresql:/u:p@h/db"));
  EXPECT_TRUE(is_malformed_postgresql_uri("postgresql:/u:p@h/db"));
  EXPECT_TRUE(is_malformed_postgresql_uri("POSTGRES://u:p@h/db"));
  EXPECT_FALSE(is_malformed_postgresql_uri("postgres.db"));
  EXPECT_FALSE(is_malformed_postgresql_uri("postgresql://u@h"));
}

TEST(DbAddress, UriPasswordsAreHidden) {
  EXPECT_EQ(redact_address("postgresql://kansa:s3cret@db.example:5432/kansa"),
            "postgresql://kansa:***@db.example:5432/kansa");
  EXPECT_EQ(redact_address("postgres://kansa@db/kansa"), "postgres://kansa@db/kansa");
  EXPECT_EQ(redact_address("postgresql://db/kansa"), "postgresql://db/kansa");
  // A raw '@' or '/' in the password: hidden whole (libpq would split it; better too much).
  EXPECT_EQ(redact_address("postgresql://u:p@ss/w@h:5432/d"), "postgresql://u:***@h:5432/d");
  EXPECT_EQ(redact_address("postgresql://u:p%40ss@h/d"), "postgresql://u:***@h/d");
  EXPECT_EQ(redact_address("postgresql://u@h/d?sslmode=require&password=s3cret&x=1"),
            "postgresql://u@h/d?sslmode=require&password=***&x=1");
  EXPECT_EQ(redact_address("postgresql://u:a@h/d?sslpassword=k"),
            "postgresql://u:***@h/d?sslpassword=***");
  // user:password written without a host: libpq reads host "user", port "password".
  EXPECT_EQ(redact_address("postgresql://kansa:s3cret"), "postgresql://kansa:***");
  EXPECT_EQ(redact_address("postgresql://h1:5432,h2:5433/d"), "postgresql://h1:5432,h2:5433/d");
  EXPECT_EQ(redact_address("postgresql://[::1]:5432/d"), "postgresql://[::1]:5432/d");
  EXPECT_EQ(redact_address("postgresql:/u:s3cret@h/d"), "postgresql:/u:***@h/d");
  EXPECT_EQ(redact_address("kansa.db"), "kansa.db");
}

TEST(DbAddress, KeywordPasswordsAreHidden) {
  EXPECT_EQ(redact_address("host=db user=kansa password=s3cret dbname=kansa"),
            "host=db user=kansa password=*** dbname=kansa");
  EXPECT_EQ(redact_address("host=db password = 'with space \\' quote' dbname=kansa"),
            "host=db password = *** dbname=kansa");
  EXPECT_EQ(redact_address("password=s\\ 3 host=db"), "password=*** host=db");
  EXPECT_EQ(redact_address("host=db sslpassword=k"), "host=db sslpassword=***");
  // A misspelt first key makes it a file name, which is printed: still hidden.
  EXPECT_EQ(redact_address("hots=db password=s3cret"), "hots=db password=***");
  EXPECT_EQ(redact_address("/data/run=1/kansa.db"), "/data/run=1/kansa.db");
}

TEST(DbAddress, MessagesLoseEveryFormOfThePassword) {
  const std::string address = "postgresql://kansa:p%40ss%20word@db/kansa";
  // libpq may quote the address, the password as written or decoded.
  const std::string scrubbed = scrub_secrets(
      "cannot open " + address + ": bad token \"p%40ss%20word\", password \"p@ss word\"", address);
  EXPECT_EQ(scrubbed.find("p%40ss"), std::string::npos) << scrubbed;
  EXPECT_EQ(scrubbed.find("p@ss"), std::string::npos) << scrubbed;
  EXPECT_NE(scrubbed.find("postgresql://kansa:***@db/kansa"), std::string::npos) << scrubbed;

  const std::string keywords = "host=db password='it\\'s' user=k";  // libpq reads it's
  EXPECT_EQ(scrub_secrets("x it's y", keywords), "x *** y");

  setenv("PGPASSWORD", "from-the-environment", 1);
  EXPECT_EQ(scrub_secrets("password from-the-environment rejected", "postgresql://k@db/kansa"),
            "password *** rejected");
  unsetenv("PGPASSWORD");
}

// Whatever libpq itself reads as the password of an address is hidden, in the redacted
// address and in a message quoting it.
TEST(DbAddress, WhatLibpqTakesForThePasswordIsAlwaysHidden) {
  const char* addresses[] = {
      "postgresql://kansa:s3cret@db/kansa",
      "postgresql://kansa:s%3Acr%2Fet@db:5432/kansa",
      "postgresql://kansa:a:b:c@db/kansa",
      "postgresql://kansa:s3cret@db1:5432,db2:5433/kansa?sslmode=prefer",
      "postgresql://kansa@db/kansa?password=qu%26ery",
      "postgresql://kansa:first@db/kansa?password=second",
      "postgres://:onlypass@db",
      "postgresql://kansa:s3cret@[::1]:5432/kansa",
      "host=db password=plain user=kansa",
      "host=db password='quoted value' user=kansa",
      "host=db password='esc\\'aped' user=kansa",
      "host=db password=back\\\\slash",
      "password = spaced host=db",
  };
  for (const char* address : addresses) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(address, &error);
    ASSERT_NE(options, nullptr) << address << ": " << (error ? error : "");
    std::string password;
    for (PQconninfoOption* o = options; o->keyword; ++o)
      if (std::string(o->keyword) == "password" && o->val) password = o->val;
    PQconninfoFree(options);
    ASSERT_FALSE(password.empty()) << address;
    EXPECT_EQ(redact_address(address).find(password), std::string::npos)
        << address << " -> " << redact_address(address);
    const std::string message =
        scrub_secrets(std::string("failed for \"") + password + "\" at " + address, address);
    EXPECT_EQ(message.find(password), std::string::npos) << message;
  }
}
