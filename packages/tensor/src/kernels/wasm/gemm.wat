;; Single-precision matrix multiply with WebAssembly SIMD: C = A · B.
;;
;; A and B are first packed into panels so the inner loop reads memory in order:
;;   A panel: 6 rows of A, stored column by column  -> 6 floats per step of k
;;   B panel: 8 columns of B, stored row by row     -> 8 floats (two f32x4) per step of k
;; The micro-kernel keeps a 6x8 block of C in twelve f32x4 registers and, for each k,
;; adds (A column entry) x (B row) — 96 flops per 8 loads. Packing takes strides, so a
;; transposed operand costs nothing extra. Edge tiles go through a scratch tile.
(module
  ;; shared, so worker threads can run the same kernels over the same data
  (import "env" "memory" (memory 1 16384 shared))

  ;; dst <- A panels. src is A read as src[row * rs + col * cs] (elements), m x k.
  (func $packA (export "packA") (param $src i32) (param $m i32) (param $k i32) (param $rs i32) (param $cs i32) (param $dst i32)
    (local $p i32) (local $l i32) (local $r i32) (local $row i32)
    (local.set $p (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (i32.mul (local.get $p) (i32.const 6)) (local.get $m)))
        (local.set $l (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $l) (local.get $k)))
            (local.set $r (i32.const 0))
            (loop $rows
              (local.set $row (i32.add (i32.mul (local.get $p) (i32.const 6)) (local.get $r)))
              (f32.store (local.get $dst)
                (if (result f32) (i32.lt_s (local.get $row) (local.get $m))
                  (then (f32.load (i32.add (local.get $src)
                    (i32.shl (i32.add (i32.mul (local.get $row) (local.get $rs)) (i32.mul (local.get $l) (local.get $cs))) (i32.const 2)))))
                  (else (f32.const 0))))
              (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $rows (i32.lt_s (local.get $r) (i32.const 6))))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br $cols)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $panels))))

  ;; dst <- B panels. src is B read as src[row * rs + col * cs] (elements), k x n.
  (func $packB (export "packB") (param $src i32) (param $k i32) (param $n i32) (param $rs i32) (param $cs i32) (param $dst i32)
    (local $q i32) (local $l i32) (local $c i32) (local $col i32) (local $rowPtr i32)
    (local.set $q (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (i32.mul (local.get $q) (i32.const 8)) (local.get $n)))
        (local.set $l (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_s (local.get $l) (local.get $k)))
            (if (i32.and (i32.eq (local.get $cs) (i32.const 1))
                         (i32.le_s (i32.mul (i32.add (local.get $q) (i32.const 1)) (i32.const 8)) (local.get $n)))
              (then
                ;; eight contiguous floats: two vector copies
                (local.set $rowPtr (i32.add (local.get $src)
                  (i32.shl (i32.add (i32.mul (local.get $l) (local.get $rs)) (i32.mul (local.get $q) (i32.const 8))) (i32.const 2))))
                (v128.store (local.get $dst) (v128.load (local.get $rowPtr)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $rowPtr)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32))))
              (else
                (local.set $c (i32.const 0))
                (loop $cols
                  (local.set $col (i32.add (i32.mul (local.get $q) (i32.const 8)) (local.get $c)))
                  (f32.store (local.get $dst)
                    (if (result f32) (i32.lt_s (local.get $col) (local.get $n))
                      (then (f32.load (i32.add (local.get $src)
                        (i32.shl (i32.add (i32.mul (local.get $l) (local.get $rs)) (i32.mul (local.get $col) (local.get $cs))) (i32.const 2)))))
                      (else (f32.const 0))))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                  (local.set $c (i32.add (local.get $c) (i32.const 1)))
                  (br_if $cols (i32.lt_s (local.get $c) (i32.const 8))))))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br $rows)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $panels))))

  ;; One 6x8 block of C (row stride $ldc bytes) from an A panel and a B panel of depth $k.
  (func $tile (param $a i32) (param $b i32) (param $k i32) (param $c i32) (param $ldc i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128) (local $end i32)
    (local.set $end (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 5))))
    (block $done
      (br_if $done (i32.ge_u (local.get $b) (local.get $end)))
      (loop $steps
        (local.set $b0 (v128.load (local.get $b)))
        (local.set $b1 (v128.load offset=16 (local.get $b)))
        (local.set $av (v128.load32_splat (local.get $a)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
        (local.set $av (v128.load32_splat offset=4 (local.get $a)))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
        (local.set $av (v128.load32_splat offset=8 (local.get $a)))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
        (local.set $av (v128.load32_splat offset=12 (local.get $a)))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
        (local.set $av (v128.load32_splat offset=16 (local.get $a)))
        (local.set $c40 (f32x4.add (local.get $c40) (f32x4.mul (local.get $av) (local.get $b0))))
        (local.set $c41 (f32x4.add (local.get $c41) (f32x4.mul (local.get $av) (local.get $b1))))
        (local.set $av (v128.load32_splat offset=20 (local.get $a)))
        (local.set $c50 (f32x4.add (local.get $c50) (f32x4.mul (local.get $av) (local.get $b0))))
        (local.set $c51 (f32x4.add (local.get $c51) (f32x4.mul (local.get $av) (local.get $b1))))
        (local.set $a (i32.add (local.get $a) (i32.const 24)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br_if $steps (i32.lt_u (local.get $b) (local.get $end)))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c40))
    (v128.store offset=16 (local.get $c) (local.get $c41))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c50))
    (v128.store offset=16 (local.get $c) (local.get $c51)))

  ;; The 1x8 case of $tile, for products of a single row (one token while sampling): the same
  ;; arithmetic on the first row of the A panel, without computing five rows of zeros.
  (func $tile1 (param $a i32) (param $b i32) (param $k i32) (param $c i32)
    (local $c00 v128) (local $c01 v128) (local $av v128) (local $end i32)
    (local.set $end (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 5))))
    (block $done
      (br_if $done (i32.ge_u (local.get $b) (local.get $end)))
      (loop $steps
        (local.set $av (v128.load32_splat (local.get $a)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (v128.load (local.get $b)))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 24)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br_if $steps (i32.lt_u (local.get $b) (local.get $end)))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01)))

  ;; C (m x n, row stride $ldc bytes) from packed panels. $scratch holds 6x8 floats for edge tiles.
  (func $gemm (export "gemm") (param $m i32) (param $n i32) (param $k i32) (param $ap i32) (param $bp i32) (param $c i32) (param $scratch i32) (param $ldc i32)
    (local $i i32) (local $j i32) (local $rows i32) (local $cols i32)
    (local $aPanel i32) (local $bPanel i32) (local $r i32) (local $q i32) (local $dst i32)
    (local.set $j (i32.const 0))
    (block $cols_done
      (loop $col_panels
        (br_if $cols_done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $cols (i32.sub (local.get $n) (local.get $j)))
        (if (i32.gt_s (local.get $cols) (i32.const 8)) (then (local.set $cols (i32.const 8))))
        ;; B panel j/8 starts at bp + (j/8) * k * 32 bytes = bp + j * k * 4
        (local.set $bPanel (i32.add (local.get $bp) (i32.shl (i32.mul (local.get $j) (local.get $k)) (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $rows_done
          (loop $row_panels
            (br_if $rows_done (i32.ge_s (local.get $i) (local.get $m)))
            (local.set $rows (i32.sub (local.get $m) (local.get $i)))
            (if (i32.gt_s (local.get $rows) (i32.const 6)) (then (local.set $rows (i32.const 6))))
            ;; A panel i/6 starts at ap + (i/6) * k * 24 bytes = ap + i * k * 4
            (local.set $aPanel (i32.add (local.get $ap) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 2))))
            (local.set $dst (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
            (if (i32.and (i32.eq (local.get $rows) (i32.const 6)) (i32.eq (local.get $cols) (i32.const 8)))
              (then (call $tile (local.get $aPanel) (local.get $bPanel) (local.get $k) (local.get $dst) (local.get $ldc)))
              (else
                (if (i32.eq (local.get $rows) (i32.const 1))
                  (then (call $tile1 (local.get $aPanel) (local.get $bPanel) (local.get $k) (local.get $scratch)))
                  (else (call $tile (local.get $aPanel) (local.get $bPanel) (local.get $k) (local.get $scratch) (i32.const 32))))
                (local.set $r (i32.const 0))
                (loop $copy_rows
                  (local.set $q (i32.const 0))
                  (loop $copy_cols
                    (f32.store
                      (i32.add (i32.add (local.get $dst) (i32.mul (local.get $r) (local.get $ldc))) (i32.shl (local.get $q) (i32.const 2)))
                      (f32.load (i32.add (local.get $scratch) (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $q)) (i32.const 2)))))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br_if $copy_cols (i32.lt_s (local.get $q) (local.get $cols))))
                  (local.set $r (i32.add (local.get $r) (i32.const 1)))
                  (br_if $copy_rows (i32.lt_s (local.get $r) (local.get $rows))))))
            (local.set $i (i32.add (local.get $i) (i32.const 6)))
            (br $row_panels)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $col_panels))))
;; One thread's share of a batched product, described by 20 i32 words at $d:
  ;;  0 m, 1 n, 2 k, 3 A, 4 B, 5 C (byte offsets), 6-9 A and B strides (elements: aRs, aCs, bRs, bCs),
  ;;  10 first batch, 11 end batch, 12 A offsets, 13 B offsets (i32 element offsets per batch),
  ;;  14 j0, 15 j1 (the columns of C this share computes), 16 A panels, 17 B panels, 18 scratch,
  ;;  19 B prepacked: 1 when word 17 already holds all of B's panels (a weight kept packed).
  ;; Each share packs its own panels, so shares never wait on each other.
  (func (export "matmulRange") (param $d i32)
    (local $m i32) (local $n i32) (local $k i32) (local $t i32) (local $end i32) (local $j0 i32) (local $cols i32)
    (local $aOff i32) (local $bOff i32) (local $prevA i32) (local $prevB i32) (local $bPanels i32)
    (local.set $m (i32.load (local.get $d)))
    (local.set $n (i32.load offset=4 (local.get $d)))
    (local.set $k (i32.load offset=8 (local.get $d)))
    (local.set $t (i32.load offset=40 (local.get $d)))
    (local.set $end (i32.load offset=44 (local.get $d)))
    (local.set $j0 (i32.load offset=56 (local.get $d)))
    (local.set $cols (i32.sub (i32.load offset=60 (local.get $d)) (local.get $j0)))
    (local.set $prevA (i32.const -1))
    (local.set $prevB (i32.const -1))
    (local.set $bPanels (i32.load offset=68 (local.get $d)))
    (if (i32.load offset=76 (local.get $d))
      (then
        ;; panels of 8 columns, k rows each: this share's columns start j0 * k floats in
        (local.set $bPanels (i32.add (local.get $bPanels) (i32.shl (i32.mul (local.get $j0) (local.get $k)) (i32.const 2))))
        (local.set $prevB (i32.load (i32.load offset=52 (local.get $d))))))
    (block $done
      (loop $batches
        (br_if $done (i32.ge_s (local.get $t) (local.get $end)))
        (local.set $aOff (i32.load (i32.add (i32.load offset=48 (local.get $d)) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $bOff (i32.load (i32.add (i32.load offset=52 (local.get $d)) (i32.shl (local.get $t) (i32.const 2)))))
        ;; broadcast batches repeat an operand: pack it once
        (if (i32.ne (local.get $aOff) (local.get $prevA))
          (then
            (call $packA
              (i32.add (i32.load offset=12 (local.get $d)) (i32.shl (local.get $aOff) (i32.const 2)))
              (local.get $m) (local.get $k)
              (i32.load offset=24 (local.get $d)) (i32.load offset=28 (local.get $d))
              (i32.load offset=64 (local.get $d)))
            (local.set $prevA (local.get $aOff))))
        (if (i32.ne (local.get $bOff) (local.get $prevB))
          (then
            (call $packB
              (i32.add (i32.load offset=16 (local.get $d))
                (i32.shl (i32.add (local.get $bOff) (i32.mul (local.get $j0) (i32.load offset=36 (local.get $d)))) (i32.const 2)))
              (local.get $k) (local.get $cols)
              (i32.load offset=32 (local.get $d)) (i32.load offset=36 (local.get $d))
              (local.get $bPanels))
            (local.set $prevB (local.get $bOff))))
        (call $gemm (local.get $m) (local.get $cols) (local.get $k)
          (i32.load offset=64 (local.get $d)) (local.get $bPanels)
          (i32.add (i32.load offset=20 (local.get $d))
            (i32.shl (i32.add (i32.mul (local.get $t) (i32.mul (local.get $m) (local.get $n))) (local.get $j0)) (i32.const 2)))
          (i32.load offset=72 (local.get $d))
          (i32.shl (local.get $n) (i32.const 2)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $batches))))
)
