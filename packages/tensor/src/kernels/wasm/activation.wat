;; GELU with a bias, forward and backward, four lanes at a time.
;;   gelu(z) = z Φ(z),  Φ(z) = 1 - erfc(z/√2)/2 for z >= 0, erfc(-z/√2)/2 below
;;   gelu'(z) = Φ(z) + z φ(z),  φ(z) = exp(-z²/2) / √(2π)
;; erfc(u) = t exp(-u² + P(t)), t = 1 / (1 + u/2): the Chebyshev fit of Numerical Recipes (the
;; same formula as the reference kernels), and exp by range reduction to [-ln2/2, ln2/2], a
;; degree-6 polynomial, and a power of two built in the exponent bits.
(module
  (import "env" "memory" (memory 1 16384 shared))

  (func $exp (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.min (f32x4.max (local.get $x) (f32x4.splat (f32.const -87.3))) (f32x4.splat (f32.const 88.7))))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504)))))
    ;; r = x - n ln2, with ln2 split in two so the product is exact
    (local.set $r (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375)))))
    (local.set $r (f32x4.add (local.get $r) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 2.12194440e-4)))))
    (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
    ;; p r² + r + 1
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
                             (f32x4.splat (f32.const 1))))
    ;; times 2^n: n + 127 in the exponent field
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127))) (i32.const 23))))

  ;; erfc(u) for u >= 0
  (func $erfc (param $u v128) (result v128)
    (local $t v128) (local $p v128)
    (local.set $t (f32x4.div (f32x4.splat (f32.const 1))
                             (f32x4.add (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $u) (f32x4.splat (f32.const 0.5))))))
    (local.set $p (f32x4.splat (f32.const 0.17087277)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const -0.82215223))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const 1.48851587))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const -1.13520398))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const 0.27886807))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const -0.18628806))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const 0.09678418))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const 0.37409196))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const 1.00002368))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (f32x4.splat (f32.const -1.26551223))))
    (f32x4.mul (local.get $t)
      (call $exp (f32x4.sub (local.get $p) (f32x4.mul (local.get $u) (local.get $u))))))

  ;; Φ(z), the standard normal CDF
  (func $cdf (param $z v128) (result v128)
    (local $half v128)
    (local.set $half (f32x4.mul (f32x4.splat (f32.const 0.5))
      (call $erfc (f32x4.mul (f32x4.abs (local.get $z)) (f32x4.splat (f32.const 0.70710678))))))
    (v128.bitselect
      (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $half))
      (local.get $half)
      (f32x4.ge (local.get $z) (f32x4.splat (f32.const 0)))))

  ;; z = x + bias for 4 lanes at element $i of a row of $features (bias 0 = none)
  (func $biased (param $x i32) (param $bias i32) (param $i i32) (param $j i32) (result v128)
    (local $z v128)
    (local.set $z (v128.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))))
    (if (result v128) (local.get $bias)
      (then (f32x4.add (local.get $z) (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))
      (else (local.get $z))))

  ;; y = gelu(x + bias) for x [rows, features], features a multiple of 4
  (func (export "geluForward") (param $x i32) (param $bias i32) (param $y i32) (param $rows i32) (param $features i32)
    (local $i i32) (local $j i32) (local $end i32) (local $z v128)
    (local.set $end (i32.mul (local.get $rows) (local.get $features)))
    (block $done
      (loop $elements
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $z (call $biased (local.get $x) (local.get $bias) (local.get $i) (local.get $j)))
        (v128.store (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 2)))
          (f32x4.mul (local.get $z) (call $cdf (local.get $z))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (if (i32.ge_u (local.get $j) (local.get $features)) (then (local.set $j (i32.const 0))))
        (br $elements))))

  ;; dx = g gelu'(x + bias)
  (func (export "geluBackward") (param $x i32) (param $bias i32) (param $g i32) (param $dx i32) (param $rows i32) (param $features i32)
    (local $i i32) (local $j i32) (local $end i32) (local $z v128) (local $pdf v128)
    (local.set $end (i32.mul (local.get $rows) (local.get $features)))
    (block $done
      (loop $elements
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $z (call $biased (local.get $x) (local.get $bias) (local.get $i) (local.get $j)))
        (local.set $pdf (f32x4.mul (f32x4.splat (f32.const 0.39894228))
          (call $exp (f32x4.mul (f32x4.mul (local.get $z) (local.get $z)) (f32x4.splat (f32.const -0.5))))))
        (v128.store (i32.add (local.get $dx) (i32.shl (local.get $i) (i32.const 2)))
          (f32x4.mul (v128.load (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 2))))
            (f32x4.add (call $cdf (local.get $z)) (f32x4.mul (local.get $z) (local.get $pdf)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (if (i32.ge_u (local.get $j) (local.get $features)) (then (local.set $j (i32.const 0))))
        (br $elements))))
)
