/* Search tuning (hooks/search_tuning.py): runs before Material's search worker.
 *
 * Material adds a trailing wildcard to every word of a query, and lunr skips its
 * stop-word filter for wildcard words, so "he left me on read" also searches for
 * he*, me* and on*: help, message, one... Those stray matches bury the real answer.
 * So before Material sees a query, this drops its stop words (unless nothing
 * else is left, so "he" still finds "help" while typing), and adds each word
 * once more as a whole word with a boost, so "new" ranks pages that say "new"
 * above pages that only say "news".
 */
(() => {
  const QUERY = 2; // Material's SearchMessageType.QUERY
  const WHOLE_WORD_BOOST = 3;
  const isWord = (word) => /^[a-z0-9']+$/i.test(word);
  const isStopWord = (word) =>
    isWord(word) && self.lunr && self.lunr.stopWordFilter(word.toLowerCase()) === undefined;
  const rewrite = (query) => {
    const words = query.trim().split(/\s+/);
    const kept = words.filter((word) => !isStopWord(word));
    // Material appends "*" to every word except one that ends in a boost like "^3".
    return (kept.length ? kept : words)
      .flatMap((word) => (isWord(word) ? [`${word}^${WHOLE_WORD_BOOST}`, word] : [word]))
      .join(" ");
  };
  const listen = self.addEventListener.bind(self);
  self.addEventListener = (type, listener, options) =>
    listen(
      type,
      type !== "message"
        ? listener
        : (event) =>
            event.data && event.data.type === QUERY && typeof event.data.data === "string"
              ? listener({ data: { ...event.data, data: rewrite(event.data.data) } })
              : listener(event),
      options,
    );
})();
