// kansa-hostile-report: draws fixtures/review/hostile-report.pdf, a one-page landscape report in
// the comprehensive-table layout whose text holds markup: a title with <script>alert(1)</script>,
// a measure with "><img src=x onerror=alert(1)>, one with </script><script>…, and literal
// character references (&lt;b&gt; &amp;). kansa must show all of it as text (kansa review's
// page; tests/review_end_to_end_test.cpp).
//
//   kansa-hostile-report OUT.pdf
#include <iostream>
#include <string>
#include <vector>

#include "canvas.hpp"
#include "table.hpp"

using namespace fixturegen;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kansa-hostile-report OUT.pdf\n";
    return 2;
  }
  try {
    PageStyle style;
    style.landscape = true;  // wide columns: no line of markup is wrapped (a wrap adds a space)
    PdfCanvas canvas(PdfTarget{argv[1], nullptr}, style);
    const double fs = style.font_size;
    canvas.paragraph("下関市監査委員", fs, Align::kRight, 0, 8);
    canvas.paragraph("令和5年度　包括外部監査結果に基づき講じた措置", fs + 4, Align::kCenter, 0,
                     fs * 1.5);
    canvas.paragraph("1　選定した特定の事件", fs + 0.5);
    canvas.paragraph("「情報システムの管理について」", fs + 0.5, Align::kLeft, 20);
    canvas.paragraph(
        "なお、区分の欄に記載する記号の意味は、「①＝措置を講じたもの」、「②＝措置を講じていな"
        "いもの」となっています。",
        fs);
    canvas.skip(4);
    TableWriter table(canvas,
                      {{"ページ数", 12, Align::kLeft},
                       {"監査の結果及び意見\n（項目）", 32, Align::kLeft},
                       {"区分", 6, Align::kCenter},
                       {"措置内容又は進捗状況等", 50, Align::kLeft}},
                      TableStyle{}, fs);
    table.begin();
    const std::vector<std::vector<std::string>> rows = {
        {"総論1\n(P12)", "意見\n<script>alert(1)</script>の表示について", "①",
         "（情報政策課）\n\"><img src=x onerror=alert(1)>と表示される画面を改修した。"},
        {"総論2\n(P15)", "指摘\n物品の管理について", "②",
         "（会計課）\n備品台帳の&lt;b&gt;記載&amp;整理&lt;/b&gt;を検討している。"},
        {"個別事案1\n(P20)", "意見\n契約事務について", "①",
         "（契約課）\n</script><script>document.title=\"pwned\"</script>の文字列を除いた。"},
    };
    for (const auto& row : rows) table.add_row(row);
    canvas.finish();
  } catch (const std::exception& e) {
    std::cerr << "kansa-hostile-report: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
