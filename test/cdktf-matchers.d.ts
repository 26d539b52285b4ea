// Types of the matchers `Testing.setupJest()` registers (test/support/cdktf-matchers.ts). cdktf declares them in a
// file outside its public entry point, so they are restated here rather than imported from there.
interface TerraformConstructor {
  readonly tfResourceType: string;
}

declare global {
  namespace jest {
    interface Matchers<R> {
      toHaveResource(resource: TerraformConstructor): R;
      toHaveResourceWithProperties(resource: TerraformConstructor, properties: Record<string, unknown>): R;
      toHaveDataSource(dataSource: TerraformConstructor): R;
      toHaveDataSourceWithProperties(dataSource: TerraformConstructor, properties: Record<string, unknown>): R;
      toHaveProviderWithProperties(provider: TerraformConstructor, properties: Record<string, unknown>): R;
    }
  }
}

export {};
