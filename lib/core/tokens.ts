import { DefaultTokenResolver, Fn, StringConcat, TerraformStack, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Resolve a value in the stack of `scope` the way synthesis does (references become `${...}`
 * strings), without preparing: no cross-stack outputs or remote state are created.
 */
export function resolveInStack(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, {
    scope: TerraformStack.of(scope),
    resolver: new DefaultTokenResolver(new StringConcat()),
    preparing: false,
  });
}

/**
 * Lists joined into one: spread when every list is literal, Terraform's `concat` when one is a
 * list reference (e.g. a `list(string)` variable): a list token cannot be spread into a literal
 * list (cdktf fails at synth with "Cannot add elements to list token").
 */
export function concatLists(lists: string[][]): string[] {
  if (!lists.some((list) => Token.isUnresolved(list))) return lists.flat();
  return Token.asList(Fn.concat(lists));
}
