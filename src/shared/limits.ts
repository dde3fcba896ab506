// limits on what one article may say. each is far beyond what a newsroom writes, so that a
// broken or hostile file is refused with a clear message instead of being obeyed (a page
// that lists ten thousand categories, a folder name no disk can hold). every limit here is
// listed in README.md (Security: limits); change both together.

/** categories on one article: each is listed on the article's page and on every card of it */
export const MAX_CATEGORIES = 50

/** characters of a headline: it is repeated on cards, in neighbours' and related links, in the feed */
export const MAX_TITLE_LENGTH = 300

/** characters of a category's name: it is repeated on every card of every article in it */
export const MAX_CATEGORY_LENGTH = 100

/**
 * UTF-8 bytes of a slug, and of each category's slug: each is a folder name in dist/. No
 * common file system holds more than 255 bytes in one name (NTFS counts 255 UTF-16 units,
 * which is no fewer); 200 leaves room for a tool that adds to a name (a sync tool's conflict
 * copy, an archive's suffix). A Hangul syllable is 3 bytes: 66 syllables fit.
 */
export const MAX_NAME_BYTES = 200

/**
 * h1 headings, and tables, in one body. the build turns each h1 into an h2 and wraps each
 * table for scrolling, one element at a time, and jsdom's cost for that grows with the
 * square of their number among siblings, so a body with thousands would hold the build up
 * for minutes; an article has a few
 */
export const MAX_BODY_H1 = 500
export const MAX_BODY_TABLES = 500

/**
 * characters of a lead photo's alt text: a screen reader reads it whole, and it is in the
 * page's state and its og:image:alt; a description runs to a few sentences at most
 */
export const MAX_IMAGE_ALT_LENGTH = 500

/** characters of a lead photo's caption and credit, shown under it: a few sentences at most */
export const MAX_IMAGE_CAPTION_LENGTH = 1000

/** authors of one article: each is named in its byline, on its cards and in its JSON-LD */
export const MAX_AUTHORS = 10

/** characters of an author's name: it is repeated in the byline of every card of theirs */
export const MAX_AUTHOR_NAME_LENGTH = 50

/** tags on one article, as for categories: each is listed on the article's page */
export const MAX_TAGS = 50

/** characters of a tag's name, as for a category's */
export const MAX_TAG_LENGTH = 100

/** characters of an author's role, as the authors file gives it (기자, 논설위원, 워싱턴 특파원) */
export const MAX_AUTHOR_ROLE_LENGTH = 50

/** characters of an author's short biography: shown on their page and in each article's state */
export const MAX_AUTHOR_BIO_LENGTH = 500

/** entries in the authors file: a newsroom has hundreds; the file is read whole on every build */
export const MAX_AUTHORS_IN_FILE = 10000
