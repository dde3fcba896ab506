// what a card (a listing's, a category's, a search hit's) shows of an article.
import type { AuthorRef } from './types.ts'

/**
 * The slot a card's photo has on a listing, for `sizes`: cards fill the page (at most 72rem
 * wide, `.site-main`, less its 1rem padding on each side) in columns at least 20rem wide
 * with 1.25rem between them (`.listing__cards` in client/styles/listing.css): three columns
 * of 22.5rem from a 72rem viewport, three from 64.5rem (where three 20rem columns fit), two
 * from 43.25rem, one below. A unit test works the same out from the stylesheets' numbers.
 */
export const CARD_SIZES =
  '(min-width: 72rem) 22.5rem, (min-width: 64.5rem) calc(33.333vw - 1.5rem), (min-width: 43.25rem) calc(50vw - 1.625rem), calc(100vw - 2rem)'

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
