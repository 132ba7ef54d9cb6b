"""The review page (``kg review DIR``): a local web page to confirm, reject, correct and add the facts of a
build, one click writing one curation (:mod:`kg.curate.files`).

* :mod:`kg.review.data`: what the page shows and writes (articles, facts with evidence, curations), as JSON.
* :mod:`kg.review.texts`: an article's text read again from its source, and evidence in its sentence.
* :mod:`kg.review.server`: the HTTP server (standard library) and its checks; ``static/``: the page
  (plain HTML, CSS and JavaScript, no build step, nothing from the network).
"""
