import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
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
