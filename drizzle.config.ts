// drizzle-kit: the TypeScript schema is the source of truth; SQL migrations are generated into migrations/.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/store/schema.ts',
  out: './migrations',
});
