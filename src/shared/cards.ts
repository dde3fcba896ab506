// what a card (a listing's, a category's, a search hit's) shows of an article.

/**
 * categories a card names: an article is listed on the page of each of its categories, so
 * a card naming them all would make a category page's weight, and the output's, grow with
 * the square of an article's categories. the article's own page names them all.
 */
export const CARD_CATEGORIES = 3

/** The categories a card names: the article's first few. */
export function cardCategories(categories: readonly string[]): string[] {
  return categories.slice(0, CARD_CATEGORIES)
}
