export interface ProductsTable {
  id: string;
  sku: string;
  name: string;
  product_line: string;
  version: string;
  edition: string | null;
  license_model: 'perpetual' | 'subscription';
  unit: 'server' | 'socket' | 'TB' | 'user';
  /** JSON array of feature names. */
  features: string;
  node_locked: number;
  rehosts_per_year: number;
  created_at: string;
}

export interface CatalogTables {
  products: ProductsTable;
}
