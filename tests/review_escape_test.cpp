// kansa review writes text from PDFs into its page only as data: HTML-escaped in index.html,
// and as JSON safe inside a script file in data.js. These pin down both encodings.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "review/escape.hpp"
#include "review/review_data.hpp"
#include "review/site.hpp"

using kansa::review::html_escape;
using kansa::review::script_json;

TEST(ReviewEscape, HtmlEscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html_escape("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(html_escape("a & b 'c'"), "a &amp; b &#39;c&#39;");
  // An entity already in the text is text: escaped again, shown as printed.
  EXPECT_EQ(html_escape("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
  EXPECT_EQ(html_escape("措置を講じた。①"), "措置を講じた。①");
  EXPECT_EQ(html_escape(""), "");
}

TEST(ReviewEscape, ScriptJsonHasNoMarkupCharactersAndParsesBack) {
  const nlohmann::json value = {
      {"title", "<script>alert(1)</script>"},
      {"text", "</script><script>document.title=\"pwned\"</script> <!-- ]]> & \"q\""},
      {"sep", std::string("a\xE2\x80\xA8"
                          "b\xE2\x80\xA9"
                          "c")},  // U+2028, U+2029
      {"ja", "（情報政策課）"}};
  const std::string out = script_json(value);
  for (const char* bad : {"<", ">", "&", "\xE2\x80\xA8", "\xE2\x80\xA9"})
    EXPECT_EQ(out.find(bad), std::string::npos) << bad << " in " << out;
  EXPECT_NE(out.find("\\u003cscript\\u003e"), std::string::npos) << out;
  EXPECT_NE(out.find("\\u2028"), std::string::npos);
  EXPECT_NE(out.find("\\u2029"), std::string::npos);
  EXPECT_NE(out.find("（情報政策課）"), std::string::npos);  // readable, not \u-escaped
  EXPECT_EQ(nlohmann::json::parse(out), value);
}

TEST(ReviewEscape, ScriptJsonReplacesInvalidUtf8) {
  const nlohmann::json value = {{"bad", std::string("a\xFF<b")}};
  const std::string out = script_json(value);
  EXPECT_EQ(out.find('<'), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(out)["bad"], "a\xEF\xBF\xBD<b");
}

TEST(ReviewEscape, DataScriptIsOneAssignmentOfSafeJson) {
  const std::string js = kansa::review::data_script(
      nlohmann::json::array({{{"title", "</script><img src=x onerror=alert(1)>"}}}));
  ASSERT_EQ(js.rfind("window.KANSA_REVIEW = ", 0), 0u) << js;
  ASSERT_EQ(js.substr(js.size() - 2), ";\n");
  EXPECT_EQ(js.find('<'), std::string::npos) << js;
  const std::string json_text = js.substr(22, js.size() - 24);
  EXPECT_EQ(nlohmann::json::parse(json_text)["findings"][0]["title"],
            "</script><img src=x onerror=alert(1)>");
}

TEST(ReviewEscape, IndexHtmlEscapesTheDatabaseNameAndCarriesTheCsp) {
  const std::string html = kansa::review::index_html("<img src=x onerror=alert(1)>.db", 3, "0.1.0");
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;.db"), std::string::npos);
  EXPECT_NE(html.find("http-equiv=\"Content-Security-Policy\""), std::string::npos);
  EXPECT_NE(html.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(html.find("unsafe-inline"), std::string::npos);
  // No inline script or style anywhere: every script is a file, and no style attribute.
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_EQ(html.find('@'), std::string::npos);  // every placeholder filled
}
