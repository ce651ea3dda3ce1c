// The copy button's words in the editions' languages that sphinx-copybutton does not know
// (it knows zh-CN). Its `messages` and `locale` are globals of its script, which runs
// before this one; it makes the buttons once the page has loaded, with these words.
(function () {
  var words = {
    vi: {
      copy: "Sao chép",
      copy_to_clipboard: "Sao chép vào bộ nhớ tạm",
      copy_success: "Đã sao chép!",
      copy_failure: "Không sao chép được",
    },
  };
  var lang = document.documentElement.lang;
  if (typeof messages === "object" && words[lang] && !messages[lang]) {
    messages[lang] = words[lang];
    locale = lang;
  }
})();
