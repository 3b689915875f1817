-- supabase/seed.sql: runs after the migrations (`supabase db reset`).
insert into auth.users (id, aud, role, email, raw_user_meta_data) values
  ('8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e', 'authenticated', 'authenticated', 'ada@example.com',
   '{"full_name": "Ada Lovelace", "user_name": "ada"}'),
  ('5b8ac5fa-3bd9-4e5c-8a8b-5e0f2c1c6a11', 'authenticated', 'authenticated', 'grace@example.com',
   '{"full_name": "Grace Hopper", "user_name": "grace", "avatar_url": "grace.png"}'),
  ('0c1f6a0e-2f8a-4c55-9d3b-7b7f3e0d9a42', 'authenticated', 'authenticated', 'linus@example.com',
   '{"full_name": "Linus", "user_name": "linus"}');

insert into public.role_permissions (role, permission) values
  ('admin', 'channels.delete'),
  ('admin', 'messages.delete'),
  ('moderator', 'messages.delete');
insert into public.user_roles (user_id, role) values
  ('8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e', 'admin'),
  ('5b8ac5fa-3bd9-4e5c-8a8b-5e0f2c1c6a11', 'moderator');

insert into public.channels (slug, created_by) values
  ('public', '8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e'),
  ('random', '5b8ac5fa-3bd9-4e5c-8a8b-5e0f2c1c6a11');
insert into public.messages (message, channel_id, user_id) values
  ('Hello World 👋', 1, '8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e'),
  ('Perfection is attained by subtraction.', 2, '5b8ac5fa-3bd9-4e5c-8a8b-5e0f2c1c6a11'),
  ('Talk is cheap. Show me the code.', 2, '0c1f6a0e-2f8a-4c55-9d3b-7b7f3e0d9a42');

insert into public.products (id, active, name, description, metadata) values
  ('prod_hobby', true, 'Hobby', 'For side projects', '{"index": 0}'),
  ('prod_pro', true, 'Pro', 'For teams', '{"index": 1}');
insert into public.prices (id, product_id, active, unit_amount, currency, type, interval, interval_count) values
  ('price_hobby_month', 'prod_hobby', true, 1000, 'usd', 'recurring', 'month', 1),
  ('price_pro_month', 'prod_pro', true, 2500, 'usd', 'recurring', 'month', 1),
  ('price_pro_year', 'prod_pro', true, 25000, 'usd', 'recurring', 'year', 1);
insert into public.customers (id, stripe_customer_id) values
  ('8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e', 'cus_ada');
insert into public.subscriptions (id, user_id, status, price_id, quantity, cancel_at_period_end,
                                  created, current_period_start, current_period_end,
                                  ended_at, cancel_at, canceled_at, trial_start, trial_end) values
  ('sub_ada', '8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e', 'active', 'price_pro_month', 1, false,
   '2024-01-05 10:00+00', '2024-01-05 10:00+00', '2024-02-05 10:00+00', null, null, null, null, null);

insert into public.todos (user_id, task, is_complete) values
  ('8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e', 'Write the first program', true),
  ('8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e', 'Describe the engine', false),
  ('5b8ac5fa-3bd9-4e5c-8a8b-5e0f2c1c6a11', 'Find the moth', false);

insert into storage.objects (bucket_id, name, owner) values
  ('avatars', 'ada.png', '8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e'),
  ('avatars', 'grace.png', '5b8ac5fa-3bd9-4e5c-8a8b-5e0f2c1c6a11');
