// Added to every javadoc page (maven-javadoc-plugin, --add-script): typesets TeX in doc comments
// with MathJax 3 from a CDN. Inline math is \( ... \), display math is \[ ... \]; a lone $ is text.
window.MathJax = {
  tex: {
    inlineMath: [['\\(', '\\)']],
    displayMath: [['\\[', '\\]']],
    processEscapes: false
  },
  options: {
    // javadoc puts signatures and code samples in <pre>/<code>; leave those alone
    skipHtmlTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code']
  }
};
(function () {
  var script = document.createElement('script');
  script.src = 'https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js';
  script.async = true;
  document.head.appendChild(script);
})();
