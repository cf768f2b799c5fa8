// Hand-made articles for the story and dedup tests: two stories told by several outlets, one
// wire copy republished with a new headline and clutter, and an unrelated story.
import type { ExtractedArticle } from '../../src/model/index.ts';
import { extractedArticle } from '../helpers/article.ts';

export function article(overrides: Partial<ExtractedArticle> & { title: string; text: string }): ExtractedArticle {
  return extractedArticle(overrides);
}

export const WIRE_TEXT = `The port authority of Kelvingrove voted on Tuesday to raise harbour tolls by 18 percent from September, the third increase in two years, citing the cost of dredging the main channel after record silting.

Shipping lines operating from the Kelvingrove container terminal said the rise would add about 40 dollars to the cost of moving a standard container and warned that some services could move to the rival port of Ardmore.

Harbour master Elspeth Carrow told the board that the channel had lost almost two metres of depth since the spring and that larger vessels had twice been forced to wait for high tide before docking.

The Kelvingrove Shippers Association called the vote rushed and said it would ask the regional transport ministry to review the decision before the new tolls take effect on September 1.`;

export const wire = article({ title: 'Kelvingrove port raises harbour tolls 18% to pay for dredging', text: WIRE_TEXT, sourceName: 'Meridian Wire', publishedAt: new Date('2025-08-01T08:00:00Z') });

export const wireCopy = article({
  title: 'Harbour tolls to rise again as channel silts up',
  text: 'Advertisement\n\n' + WIRE_TEXT.replace('Tuesday', 'Tuesday,').replace('dollars', 'dolars').replace(/\n\n/g, '\n') + "\n\nSign up for our morning newsletter to get the day's top stories.",
  sourceName: 'Harbour Gazette',
  publishedAt: new Date('2025-08-01T11:30:00Z'),
});

export const followUp = article({
  title: 'Kelvingrove shippers ask ministry to block harbour toll rise',
  text: `The Kelvingrove Shippers Association formally asked the regional transport ministry on Wednesday to suspend the 18 percent harbour toll increase approved by the port authority, arguing that the board ignored its own consultation rules.

Association chair Tomas Brennig said members had not been shown the dredging cost estimates that the port authority cited, and that container lines were already discussing moving services to Ardmore.

Harbour master Elspeth Carrow said the silting of the Kelvingrove channel was well documented and that delaying the tolls would delay dredging.`,
  sourceName: 'Northern Courier',
  publishedAt: new Date('2025-08-02T09:00:00Z'),
});

export const unrelated = article({
  title: 'Valdora orchestra names new principal conductor',
  text: `The Valdora Symphony Orchestra has named the Finnish conductor Aino Lehtinen as its next principal conductor, the first woman to hold the post in the orchestra's ninety-year history.

Lehtinen, who has led the orchestra as a guest six times, will take up the post next season and has signed a five-year contract. She said she wanted to bring more contemporary music to the orchestra's programmes.`,
  sourceName: 'Arts Weekly',
  publishedAt: new Date('2025-08-01T12:00:00Z'),
});
