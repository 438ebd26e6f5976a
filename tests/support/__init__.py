"""What the tests and the benchmarks share: the system Chromium, a local web server, built-file
addresses and the search-box helper. One copy of each; nothing here is a test."""
