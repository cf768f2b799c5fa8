// Common English words that say nothing about what an article is about.
const LIST = `a about above after again against ago all almost also although always am among an and another any are
around as at away back be became because become been before being below between both but by can cannot could
did do does doing done down during each either else even ever every few for from further get gets getting go
goes going gone got had has have having he her here hers herself him himself his how however i if in including
into is it its itself just last least less like made make makes many may me might more most much must my myself
near never new next no nor not now of off often on once one only onto or other others our ours ourselves out
over own per perhaps rather really said same say says see seen several shall she should since so some still
such than that the their theirs them themselves then there these they this those though through thus to too
told toward towards under until up upon us use used very via was we well were what when where whether which
while who whom whose why will with within without would yet you your yours yourself yourselves mr mrs ms
according also amid being came come comes day days don't first former however later latest let likely monday
tuesday wednesday thursday friday saturday sunday today tomorrow yesterday week weeks year years month months
time times two three four five six seven eight nine ten percent per cent people way told says asked added
week's year's news report reports reported reporting story stories article photo video image images read
click share email print subscribe newsletter advertisement copyright rights reserved`;

export const STOPWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
