import { DefaultTokenResolver, Fn, StringConcat, TerraformLocal, TerraformStack, Token, Tokenization } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

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

/**
 * A list for a values document or a comma-joined setting: its items, or, for a list reference (a
 * `list(string)` variable), one item referring to a local that joins it with commas. A list
 * cannot be interpolated into a JSON document (nor can a function call with its quoted
 * arguments: the document must stay JSON before Terraform interpolates it), and cannot be joined
 * in TypeScript; the consumers join their lists with commas anyway, so both give one value.
 */
export function commaJoinedList(scope: Construct, id: string, list: string[]): string[] {
  if (!Token.isUnresolved(list)) return [...list];
  return [new TerraformLocal(scope, id, Fn.join(',', list)).asString];
}
