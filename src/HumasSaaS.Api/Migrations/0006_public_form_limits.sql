-- Counters for the public forms (registration, visit requests, vendor sign-up) in fixed windows, shared by all
-- instances. Platform table without RLS: the key names the tenant slug and the client address, no tenant data.
CREATE TABLE public_form_counters (
    bucket_key   text NOT NULL CHECK (char_length(bucket_key) <= 300),
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL,
    PRIMARY KEY (bucket_key, window_start)
);
