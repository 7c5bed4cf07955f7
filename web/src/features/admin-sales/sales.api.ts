import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { usePagedList } from '../../api/use-paged-list';
import type { TProduct, TProductCreate } from '../../../../src/contracts/catalog';
import type { TOrder, TOrderCreate, TOrderCreated } from '../../../../src/contracts/orders';

export type Product = TProduct;
export type Order = TOrder;

const keys = {
  products: ['admin', 'products'] as const,
  orders: ['admin', 'orders'] as const,
};

export function useProducts() {
  return usePagedList(keys.products, (cursor, signal) => api.get<Page<Product>>('/admin/products', { cursor, limit: 100 }, signal));
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TProductCreate) => api.post<{ id: string; sku: string }>('/admin/products', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.products }),
  });
}

export function useOrders() {
  return usePagedList(keys.orders, (cursor, signal) => api.get<Page<Order>>('/admin/orders', { cursor }, signal));
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TOrderCreate) => api.post<TOrderCreated>('/admin/orders', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.orders }),
  });
}
