import { InvalidInputError, type PageSpec } from '@scrapifie/recipe';

const STEP = /^\.follow\[(\d+)\]\.page/;

/**
 * The PageSpec at a spec path of the recipe: "page" is the recipe's page, "page.follow[0].page" the page its first
 * follow leads to, "page.follow[0].page.follow[1].page" one level deeper. A path that does not exist in this
 * recipe (e.g. a request planned by an older version of it) is an InvalidInputError naming the path.
 */
export function resolveSpec(recipePage: PageSpec, specPath: string): PageSpec {
  if (!specPath.startsWith('page')) throw new InvalidInputError('INVALID_INPUT', `spec path "${specPath}" must start with "page"`);
  let spec = recipePage;
  let rest = specPath.slice('page'.length);
  let walked = 'page';
  while (rest !== '') {
    const m = STEP.exec(rest);
    if (!m) throw new InvalidInputError('INVALID_INPUT', `spec path "${specPath}" is not of the form page.follow[0].page.follow[1].page (unexpected "${rest}")`);
    const index = Number(m[1]);
    const next = spec.follow?.[index];
    if (!next)
      throw new InvalidInputError(
        'INVALID_INPUT',
        `spec path "${specPath}" does not exist in this recipe: ${walked} has ${spec.follow?.length ?? 0} follow entr${spec.follow?.length === 1 ? 'y' : 'ies'}, no follow[${index}]`,
      );
    spec = next.page;
    walked += m[0];
    rest = rest.slice(m[0].length);
  }
  return spec;
}
