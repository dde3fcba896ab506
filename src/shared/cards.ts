// what a card (a listing's, a category's, a search hit's) shows of an article.
import type { AuthorRef } from './types.ts'

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

/**
 * authors a card's byline names: as with categories, an author's page lists every card of
 * theirs, so all of an article's authors on each card would grow with their square
 */
export const CARD_AUTHORS = 3

/** The byline a card shows: the first few authors, with no more than a byline needs. */
export function cardAuthors(authors: readonly AuthorRef[]): AuthorRef[] {
  return authors.slice(0, CARD_AUTHORS).map(({ name, slug, role }) => ({ name, slug, role }))
}
